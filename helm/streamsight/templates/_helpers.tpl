{{/* Chart name, overridable. */}}
{{- define "streamsight.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every resource name; 40 characters leave room for the longest suffix (Strimzi adds its own). */}}
{{- define "streamsight.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "streamsight.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object; pass (dict "root" $ "component" "alert-service"). */}}
{{- define "streamsight.labels" -}}
helm.sh/chart: {{ include "streamsight.chart" .root }}
{{ include "streamsight.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: streamsight
{{- end -}}

{{- define "streamsight.selectorLabels" -}}
app.kubernetes.io/name: {{ include "streamsight.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The Strimzi Kafka cluster of this release. */}}
{{- define "streamsight.kafkaCluster" -}}
{{- printf "%s-kafka" (include "streamsight.fullname" .) -}}
{{- end -}}

{{/* Bootstrap address of the TLS + SCRAM listener (Strimzi names the service <cluster>-kafka-bootstrap). */}}
{{- define "streamsight.kafkaBootstrap" -}}
{{- printf "%s-kafka-bootstrap:%d" (include "streamsight.kafkaCluster" .) (int .Values.kafka.tlsListenerPort) -}}
{{- end -}}

{{/* KafkaUser name (= the Secret Strimzi writes its SCRAM password and sasl.jaas.config into); pass (dict "root" $ "user" "alert-service"). */}}
{{- define "streamsight.kafkaUser" -}}
{{- printf "%s-%s" (include "streamsight.fullname" .root) .user -}}
{{- end -}}

{{/* Label that admits a pod through the Kafka listener's network policy. */}}
{{- define "streamsight.kafkaClientLabel" -}}
streamsight.io/kafka-client: "true"
{{- end -}}

{{/* An image of this project: pass (dict "root" $ "repository" "alert-service"). */}}
{{- define "streamsight.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .repository (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{- define "streamsight.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Pod-level securityContext of every pod the chart creates (restricted Pod Security Standard). */}}
{{- define "streamsight.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 185
runAsGroup: 185
fsGroup: 185
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level securityContext of every container the chart creates. */}}
{{- define "streamsight.containerSecurityContext" -}}
runAsNonRoot: true
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Kafka client environment of a service authenticated as a KafkaUser; pass (dict "root" $ "user" "alert-service"). */}}
{{- define "streamsight.kafkaClientEnv" -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "streamsight.kafkaBootstrap" .root | quote }}
- name: KAFKA_SECURITY_PROTOCOL
  value: SASL_SSL
- name: KAFKA_SASL_MECHANISM
  value: SCRAM-SHA-512
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ include "streamsight.kafkaUser" . }}
      key: sasl.jaas.config
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: /etc/streamsight/kafka-ca/ca.crt
{{- end -}}

{{/* Volume with the Strimzi cluster CA certificate clients trust. */}}
{{- define "streamsight.kafkaCaVolume" -}}
- name: kafka-ca
  secret:
    secretName: {{ include "streamsight.kafkaCluster" . }}-cluster-ca-cert
    items:
      - key: ca.crt
        path: ca.crt
{{- end -}}

{{- define "streamsight.kafkaCaVolumeMount" -}}
- name: kafka-ca
  mountPath: /etc/streamsight/kafka-ca
  readOnly: true
{{- end -}}

{{/* NetworkPolicy egress rule: the Kafka TLS listener of this release. */}}
{{- define "streamsight.egressToKafka" -}}
- to:
    - podSelector:
        matchLabels:
          strimzi.io/cluster: {{ include "streamsight.kafkaCluster" . }}
          strimzi.io/name: {{ include "streamsight.kafkaCluster" . }}-kafka
  ports:
    - port: {{ .Values.kafka.tlsListenerPort }}
      protocol: TCP
{{- end -}}

{{/* NetworkPolicy egress rule: cluster DNS. */}}
{{- define "streamsight.egressToDns" -}}
- to:
    - namespaceSelector: {}
      podSelector:
        matchLabels:
          k8s-app: kube-dns
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end -}}

{{/* NetworkPolicy ingress rule: HTTP on 8080 from this namespace and from Prometheus. */}}
{{- define "streamsight.ingressHttp" -}}
- ports:
    - port: 8080
      protocol: TCP
  from:
    - podSelector: {}
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .Values.networkPolicy.monitoringNamespace }}
{{- end -}}

{{/* Labels of a PodMonitor/ServiceMonitor; pass (dict "root" $ "component" "kafka"). */}}
{{- define "streamsight.monitorLabels" -}}
{{ include "streamsight.labels" . }}
{{- with .root.Values.monitoring.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}
