{{/*
Deployment, Service, ConfigMap and PodDisruptionBudget of one Quarkus service; pass
(dict "root" $ "component" "alert-service" "values" .Values.alertService "secretEnv" <list of env entries or nil>
 "volumes" <list of extra volumes or nil> "volumeMounts" <list of their mounts or nil>).
The port, probe paths and application name match what quarkus-kubernetes generates for the same
service (quarkus.kubernetes.ports.http.container-port=8080, SmallRye Health under /q/health):
QuarkusDriftTest checks them against each service's application.properties.
*/}}
{{- define "streamsight.quarkusService" -}}
{{- $root := .root -}}
{{- $name := printf "%s-%s" (include "streamsight.fullname" $root) .component -}}
{{- $ctx := dict "root" $root "component" .component -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}
  labels:
    {{- include "streamsight.labels" $ctx | nindent 4 }}
data:
  QUARKUS_PROFILE: prod
  PORT: "8080"
  QUARKUS_HTTP_PORT: "8080"
  {{- range $key, $value := .values.env }}
  {{ $key }}: {{ $value | quote }}
  {{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "streamsight.labels" $ctx | nindent 4 }}
spec:
  replicas: {{ .values.replicas }}
  selector:
    matchLabels:
      {{- include "streamsight.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "streamsight.labels" $ctx | nindent 8 }}
        {{- include "streamsight.kafkaClientLabel" $root | nindent 8 }}
      annotations:
        checksum/config: {{ toJson .values.env | sha256sum }}
        {{- with .values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ $name }}
      {{- with .values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      affinity:
        {{- if .values.affinity }}
        {{- toYaml .values.affinity | nindent 8 }}
        {{- else }}
        # Replicas on different nodes where possible: one node's loss keeps the service up.
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    {{- include "streamsight.selectorLabels" $ctx | nindent 20 }}
        {{- end }}
      automountServiceAccountToken: false
      {{- include "streamsight.imagePullSecrets" $root | nindent 6 }}
      securityContext:
        {{- include "streamsight.podSecurityContext" $root | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "streamsight.image" (dict "root" $root "repository" .values.repository) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ $name }}
          env:
            {{- include "streamsight.kafkaClientEnv" (dict "root" $root "user" .component) | nindent 12 }}
            {{- with .secretEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: http
            periodSeconds: 5
            failureThreshold: 30
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: 10
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: http
            periodSeconds: 5
            failureThreshold: 3
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          securityContext:
            {{- include "streamsight.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            # Quarkus and Vert.x write caches under /tmp; the root filesystem stays read-only.
            - name: tmp
              mountPath: /tmp
            {{- include "streamsight.kafkaCaVolumeMount" $root | nindent 12 }}
            {{- with .volumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        {{- include "streamsight.kafkaCaVolume" $root | nindent 8 }}
        {{- with .volumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  labels:
    {{- include "streamsight.labels" $ctx | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "streamsight.labels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "streamsight.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: 8080
      targetPort: http
      protocol: TCP
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "streamsight.labels" $ctx | nindent 4 }}
spec:
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "streamsight.selectorLabels" $ctx | nindent 6 }}
{{- end -}}
