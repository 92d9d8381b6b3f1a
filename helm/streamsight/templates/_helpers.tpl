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

{{/*
Secret with alert-service's subscription token and webhook HMAC key. Not "<fullname>-alert-service":
Strimzi's User Operator writes each KafkaUser's credentials to a Secret named after the user, and
alert-service's KafkaUser has that name.
*/}}
{{- define "streamsight.alertServiceSecret" -}}
{{- default (printf "%s-alert-service-keys" (include "streamsight.fullname" .)) .Values.alertService.secrets.existingSecret -}}
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

{{/*
Partitions of a topic of the catalog (files/topics.yaml, from which the KafkaTopics are made).
Call with (dict "root" $ "topic" "transactions").
*/}}
{{- define "streamsight.topicPartitions" -}}
{{- $partitions := 0 -}}
{{- range (.root.Files.Get "files/topics.yaml" | fromYamlArray) }}
{{- if eq .name $.topic }}{{ $partitions = .partitions }}{{ end }}
{{- end }}
{{- if not $partitions }}{{ fail (printf "topic %s is not in the chart's topic catalog" .topic) }}{{ end }}
{{- $partitions -}}
{{- end }}

{{/*
Executor instances of a SparkApplication. Real-time mode holds one task slot per input partition
for the whole of each batch, and a batch starts only when all of them are free at once: an
application running the real-time fraud query needs instances x cores / spark.task.cpus >=
partitions of transactions, and no micro-batch pipeline beside it to take those slots
(docs/architecture.md). Its instances default to what the partitions need; other applications
name theirs. Call with (dict "root" $ "app" <application> "partitions" <transactions partitions>).
*/}}
{{- define "streamsight.sparkExecutorInstances" -}}
{{- $app := .app -}}
{{- $spark := .root.Values.spark -}}
{{- $taskCpus := get $spark.sparkConf "spark.task.cpus" | default 1 | int -}}
{{- $slotsPerExecutor := div ($app.executor.cores | int) $taskCpus -}}
{{- if not (has "fraud" $app.pipelines) }}
{{- required (printf "spark application '%s': executor.instances is required" $app.name) $app.executor.instances -}}
{{- else }}
{{- if lt $slotsPerExecutor 1 }}
{{- fail (printf "spark application '%s': executor.cores %v is fewer than spark.task.cpus %v, so its executors have no task slot" $app.name $app.executor.cores $taskCpus) }}
{{- end }}
{{- $instances := $app.executor.instances | default (div (sub (add .partitions $slotsPerExecutor) 1) $slotsPerExecutor) | int -}}
{{- if eq $spark.fraudTrigger "real-time" }}
{{- $others := without $app.pipelines "fraud" -}}
{{- if $others }}
{{- fail (printf "spark application '%s' runs the real-time fraud query beside micro-batch pipelines %v: they would take the task slots real-time mode holds for the whole of each batch, and the fraud query would read nothing; give fraud an application of its own" $app.name $others) }}
{{- end }}
{{- $slots := mul $instances $slotsPerExecutor -}}
{{- if lt $slots .partitions }}
{{- fail (printf "spark application '%s' runs the real-time fraud query on %d task slots (%d executors x %v cores / spark.task.cpus %d) but topic transactions has %d partitions: real-time mode needs one slot per partition for the whole of each batch; raise executor.instances or executor.cores, or leave executor.instances unset to size it from the partitions" $app.name $slots $instances $app.executor.cores $taskCpus .partitions) }}
{{- end }}
{{- end }}
{{- $instances -}}
{{- end }}
{{- end }}
