{{/*
Names and labels shared by every template.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "ott-balancer.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* "<release>-<chart>" (just the release when it already contains the chart name), or fullnameOverride. */}}
{{- define "ott-balancer.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "ott-balancer.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of the operator's objects (Deployment, Service, RBAC). */}}
{{- define "ott-balancer.operatorName" -}}
{{- printf "%s-operator" (include "ott-balancer.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ott-balancer.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object the chart creates. */}}
{{- define "ott-balancer.labels" -}}
helm.sh/chart: {{ include "ott-balancer.chart" . }}
app.kubernetes.io/part-of: ott-balancer
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/*
Selector of the operator pods. app.kubernetes.io/name is fixed to "ott-operator" whatever
nameOverride says: the NetworkPolicy the operator creates for each OttCluster admits only pods with
that label to the monolith agents' ports.
*/}}
{{- define "ott-balancer.operatorSelectorLabels" -}}
app.kubernetes.io/name: ott-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "ott-balancer.operatorLabels" -}}
{{ include "ott-balancer.labels" . }}
{{ include "ott-balancer.operatorSelectorLabels" . }}
{{- end -}}

{{- define "ott-balancer.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "ott-balancer.operatorName" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The operator image: repository@digest when a digest is set, else repository:tag (default: appVersion). */}}
{{- define "ott-balancer.operatorImage" -}}
{{- $image := .Values.operator.image -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $image.repository $image.digest -}}
{{- else -}}
{{- printf "%s:%s" $image.repository (default .Chart.AppVersion $image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Namespaces the operator watches, as a list; empty means all. */}}
{{- define "ott-balancer.watchNamespaces" -}}
{{- join "," (.Values.operator.watchNamespaces | uniq) -}}
{{- end -}}

{{/* Where the sample OttCluster goes. */}}
{{- define "ott-balancer.ottClusterNamespace" -}}
{{- default .Release.Namespace .Values.ottCluster.namespace -}}
{{- end -}}
