{{/* Names, labels and the one pod spec every service and migrate Job shares. */}}

{{- define "ogi.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Object name of one service: <fullname>-<service>. Call with (dict "root" $ "name" $name). */}}
{{- define "ogi.serviceFullname" -}}
{{- printf "%s-%s" (include "ogi.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ogi.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "ogi.labels" -}}
{{ include "ogi.selectorLabels" . }}
app.kubernetes.io/part-of: ogi
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* Labels of chart-wide objects (ConfigMaps, Dapr objects, Ingress). */}}
{{- define "ogi.commonLabels" -}}
{{ include "ogi.labels" (dict "root" . "name" "platform") }}
{{- end -}}

{{- define "ogi.image" -}}
{{- $tag := .svc.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .svc.image.repository $tag -}}
{{- end -}}

{{- define "ogi.daprConfigName" -}}{{ include "ogi.fullname" . }}{{- end -}}
{{- define "ogi.calendarConfigMap" -}}{{ include "ogi.fullname" . }}-calendar{{- end -}}
{{- define "ogi.referenceConfigMap" -}}{{ include "ogi.fullname" . }}-reference{{- end -}}

{{/*
The shared pod spec. Call with (dict "root" $ "name" $name "svc" $svc "migrate" bool):
a service pod serves gRPC with probes and the reference data mounted; a migrate pod runs
`migrate` once, before the ConfigMaps exist (pre-install), so it mounts only /tmp.
*/}}
{{- define "ogi.podSpec" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- if .migrate -}}
restartPolicy: Never
{{- else -}}
serviceAccountName: {{ include "ogi.serviceFullname" . }}
terminationGracePeriodSeconds: {{ $root.Values.terminationGracePeriodSeconds }}
{{- end }}
automountServiceAccountToken: false
{{- with $root.Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
securityContext:
  runAsNonRoot: true
  runAsUser: {{ $root.Values.podSecurity.runAsUser }}
  runAsGroup: {{ $root.Values.podSecurity.runAsGroup }}
  fsGroup: {{ $root.Values.podSecurity.runAsGroup }}
  seccompProfile:
    type: RuntimeDefault
{{- with $root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
containers:
  - name: {{ .name }}
    image: {{ include "ogi.image" . }}
    imagePullPolicy: {{ $root.Values.image.pullPolicy }}
    {{- if .migrate }}
    args: ["migrate"]
    {{- end }}
    env:
      - name: OGI_Database__ConnectionString
        valueFrom:
          secretKeyRef:
            name: {{ $svc.database.existingSecret }}
            key: {{ $svc.database.secretKey }}
      {{- if and .migrate $root.Values.database.adminSecret.name }}
      - name: OGI_Database__AdminConnectionString
        valueFrom:
          secretKeyRef:
            name: {{ $root.Values.database.adminSecret.name }}
            key: {{ $root.Values.database.adminSecret.key }}
      {{- end }}
      {{- if not .migrate }}
      - name: OGI_Grpc__Port
        value: {{ $svc.port | quote }}
      - name: OGI_Grpc__BindAddress
        value: "0.0.0.0"
      - name: OGI_Events__Mode
        value: {{ ternary "dapr" "direct" $root.Values.dapr.enabled | quote }}
      {{- if and $root.Values.dapr.enabled $root.Values.dapr.appTokenSecret }}
      - name: APP_API_TOKEN
        valueFrom:
          secretKeyRef:
            name: {{ $root.Values.dapr.appTokenSecret }}
            key: token
      {{- end }}
      - name: OGI_Calendar__Directory
        value: /etc/ogi/calendar
      - name: OGI_Calendar__ProfilesPath
        value: /etc/ogi/reference/profiles.json
      - name: OGI_Agencies__Path
        value: /etc/ogi/reference/agencies.json
      - name: OGI_Auth__Authority
        value: {{ $root.Values.auth.authority | quote }}
      - name: OGI_Auth__Audience
        value: {{ $root.Values.auth.audience | quote }}
      - name: OTEL_EXPORTER_OTLP_ENDPOINT
        value: {{ $root.Values.telemetry.otlpEndpoint | quote }}
      - name: OTEL_SERVICE_NAME
        value: {{ .name | quote }}
      {{- range $key, $value := $svc.env }}
      - name: {{ $key }}
        value: {{ $value | quote }}
      {{- end }}
      {{- range $key, $ref := $svc.secretEnv }}
      - name: {{ $key }}
        valueFrom:
          secretKeyRef:
            name: {{ $ref.secret }}
            key: {{ $ref.key }}
      {{- end }}
      {{- end }}
    {{- if .migrate }}
    resources:
      {{- toYaml $root.Values.migrations.resources | nindent 6 }}
    {{- else }}
    ports:
      - name: grpc
        containerPort: {{ $svc.port }}
        protocol: TCP
    startupProbe:
      grpc:
        port: {{ $svc.port }}
        service: {{ $root.Values.probes.readiness.service | quote }}
      periodSeconds: {{ $root.Values.probes.startup.periodSeconds }}
      failureThreshold: {{ $root.Values.probes.startup.failureThreshold }}
    readinessProbe:
      grpc:
        port: {{ $svc.port }}
        service: {{ $root.Values.probes.readiness.service | quote }}
      periodSeconds: {{ $root.Values.probes.readiness.periodSeconds }}
      failureThreshold: {{ $root.Values.probes.readiness.failureThreshold }}
    livenessProbe:
      grpc:
        port: {{ $svc.port }}
        service: {{ $root.Values.probes.liveness.service | quote }}
      initialDelaySeconds: {{ $root.Values.probes.liveness.initialDelaySeconds }}
      periodSeconds: {{ $root.Values.probes.liveness.periodSeconds }}
      failureThreshold: {{ $root.Values.probes.liveness.failureThreshold }}
    resources:
      {{- toYaml $svc.resources | nindent 6 }}
    {{- end }}
    securityContext:
      runAsNonRoot: true
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities:
        drop: ["ALL"]
    volumeMounts:
      - name: tmp
        mountPath: /tmp
      {{- if not .migrate }}
      - name: calendar
        mountPath: /etc/ogi/calendar
        readOnly: true
      - name: reference
        mountPath: /etc/ogi/reference
        readOnly: true
      {{- end }}
volumes:
  - name: tmp
    emptyDir: {}
  {{- if not .migrate }}
  - name: calendar
    configMap:
      name: {{ include "ogi.calendarConfigMap" $root }}
  - name: reference
    configMap:
      name: {{ include "ogi.referenceConfigMap" $root }}
  {{- end }}
{{- end -}}
