// Command render executes charts/ogi's templates the way `helm template` does (Go text/template
// with the sprig functions, Helm's include/toYaml/required, values read as JSON numbers,
// missing keys rendered empty), for machines without a helm binary. It is a stand-in for
// the template engine only: `helm lint` and `helm template` still run where helm exists.
//
// Usage: render <release> <chart dir> [values.yaml overrides...] > manifests.yaml
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"github.com/ghodss/yaml"
)

// files is what templates see as .Files: every chart file outside templates/, by relative path.
type files map[string][]byte

func (f files) Get(name string) string { return string(f[name]) }

func (f files) Glob(pattern string) files {
	matched := files{}
	for name, content := range f {
		if ok, _ := path.Match(pattern, name); ok {
			matched[name] = content
		}
	}
	return matched
}

func readYAML(file string) (map[string]interface{}, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	values := map[string]interface{}{}
	// Helm reads YAML through JSON, so numbers are float64 here as they are there.
	if err := yaml.Unmarshal(raw, &values); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return values, nil
}

// merge lays override onto base as Helm coalesces user values: maps merge, null removes a key.
func merge(base, override map[string]interface{}) {
	for key, value := range override {
		if value == nil {
			delete(base, key)
			continue
		}
		sub, isMap := value.(map[string]interface{})
		current, wasMap := base[key].(map[string]interface{})
		if isMap && wasMap {
			merge(current, sub)
		} else {
			base[key] = value
		}
	}
}

func run() error {
	if len(os.Args) < 3 {
		return fmt.Errorf("usage: render <release> <chart dir> [values overrides...]")
	}
	release, chartDir := os.Args[1], os.Args[2]
	chart, err := readYAML(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return err
	}
	values, err := readYAML(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return err
	}
	for _, file := range os.Args[3:] {
		override, err := readYAML(file)
		if err != nil {
			return err
		}
		merge(values, override)
	}

	chartName := chart["name"].(string)
	chartFiles := files{}
	var templates []string
	err = filepath.Walk(chartDir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(chartDir, p)
		if strings.HasPrefix(rel, "templates/") {
			templates = append(templates, rel)
			return nil
		}
		content, err := os.ReadFile(p)
		chartFiles[rel] = content
		return err
	})
	if err != nil {
		return err
	}
	sort.Strings(templates)

	root := template.New(chartName).Option("missingkey=zero")
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	funcs["toYaml"] = func(v interface{}) string {
		out, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(out), "\n")
	}
	funcs["toJson"] = func(v interface{}) string {
		out, _ := json.Marshal(v)
		return string(out)
	}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	funcs["required"] = func(message string, v interface{}) (interface{}, error) {
		if v == nil || v == "" {
			return nil, fmt.Errorf(message)
		}
		return v, nil
	}
	root.Funcs(funcs)
	for _, name := range templates {
		text, err := os.ReadFile(filepath.Join(chartDir, name))
		if err != nil {
			return err
		}
		if _, err := root.New(path.Join(chartName, name)).Parse(string(text)); err != nil {
			return err
		}
	}

	data := map[string]interface{}{
		"Values":  values,
		"Chart":   map[string]interface{}{"Name": chartName, "Version": chart["version"], "AppVersion": chart["appVersion"]},
		"Release": map[string]interface{}{"Name": release, "Namespace": "default", "Service": "Helm", "IsInstall": true, "IsUpgrade": false},
		"Files":   chartFiles,
	}
	var out bytes.Buffer
	for _, name := range templates {
		base := path.Base(name)
		if strings.HasPrefix(base, "_") || !strings.HasSuffix(base, ".yaml") {
			continue // partials and NOTES.txt render nothing into the manifests
		}
		full := path.Join(chartName, name)
		data["Template"] = map[string]interface{}{"Name": full, "BasePath": path.Join(chartName, "templates")}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, full, data); err != nil {
			return err
		}
		rendered := strings.ReplaceAll(buf.String(), "<no value>", "")
		if strings.TrimSpace(rendered) == "" {
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", full, strings.TrimSpace(rendered))
	}
	_, err = os.Stdout.Write(out.Bytes())
	return err
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "render:", err)
		os.Exit(1)
	}
}
