// Command dryrun asks a real kube-apiserver what it thinks of manifests,
// without persisting anything: each YAML document is sent as a create
// (POST ...?dryRun=All&fieldValidation=Strict) and the raw HTTP answer is
// reported as one JSON line, for the validation-fidelity suite to compare
// with the language server's diagnostics.
//
//	dryrun -kubeconfig admin.kubeconfig DIR_OR_FILE... > results.jsonl
//
// Output line (one per non-empty YAML document, files in lexical order):
//
//	{"file":"es/bad.yaml","index":0,"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
//	 "namespace":"default","name":"x","status":"rejected","code":422,"reason":"Invalid",
//	 "causes":[{"field":"addressType","reason":"FieldValueNotSupported","message":"Unsupported value: ..."}],
//	 "message":"EndpointSlice.discovery.k8s.io \"x\" is invalid: ...","warnings":[]}
//
// status:
//
//	accepted     2xx (warnings, if any, in "warnings")
//	rejected     any other HTTP error (422 Invalid, 409 AlreadyExists, 403, 404 namespace missing, ...)
//	decode-error the document could not be decoded: locally (code 0: not YAML, no apiVersion/kind,
//	             a namespace kubectl cannot put in a URL)
//	             or by the server (code 400, e.g. `port: "80"` or a strict-decoding unknown field)
//	not-found    the server does not serve apiVersion/kind (code 0; nothing was sent)
//
// "file" is relative to the directory argument it was found under (or as given
// for file arguments); "index" counts the non-empty documents of that file from 0;
// "item" numbers the items of a List, which are sent one by one as kubectl does
// (see stream.go for how files are read: BOM, JSON streams, lists).
//
// Plain net/http with the kubeconfig's TLS/auth (rest.HTTPClientFor) rather than a
// typed client: typed clients decode into Go structs and would hide exactly what we
// want to see (unknown fields, raw causes, Warning headers).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilnet "k8s.io/apimachinery/pkg/util/net"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/client-go/tools/clientcmd"
)

type cause struct {
	Field   string `json:"field"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

type result struct {
	File       string   `json:"file"`
	Index      int      `json:"index"`
	Item       *int     `json:"item,omitempty"`
	APIVersion string   `json:"apiVersion,omitempty"`
	Kind       string   `json:"kind,omitempty"`
	Namespace  string   `json:"namespace,omitempty"`
	Name       string   `json:"name,omitempty"`
	Status     string   `json:"status"`
	Code       int      `json:"code"`
	Reason     string   `json:"reason,omitempty"`
	Causes     []cause  `json:"causes"`
	Message    string   `json:"message"`
	Warnings   []string `json:"warnings"`
}

type runner struct {
	host, body, fieldValidation, defaultNS string
	http                                   *http.Client
	mapper                                 meta.RESTMapper
}

func main() {
	kubeconfig := flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig to use")
	defaultNS := flag.String("default-namespace", "default", "namespace for documents without metadata.namespace")
	fieldValidation := flag.String("field-validation", "Strict", "fieldValidation query parameter (Strict, Warn, Ignore; empty: omit)")
	body := flag.String("body", "json", "request body: json (YAML converted client-side, like kubectl) or yaml (sent as application/yaml, the server decodes it)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: dryrun [flags] DIR_OR_FILE...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || (*body != "json" && *body != "yaml") {
		flag.Usage()
		os.Exit(2)
	}

	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Fatalf("kubeconfig: %v", err)
	}
	cfg.UserAgent = "endpointslices-dryrun"
	httpClient, err := rest.HTTPClientFor(cfg)
	if err != nil {
		log.Fatalf("http client: %v", err)
	}
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		log.Fatalf("discovery: %v", err)
	}
	r := &runner{
		host: strings.TrimRight(cfg.Host, "/"), body: *body, fieldValidation: *fieldValidation, defaultNS: *defaultNS,
		http: httpClient, mapper: restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc)),
	}

	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	for _, arg := range flag.Args() {
		files, err := collect(arg)
		if err != nil {
			log.Fatalf("%s: %v", arg, err)
		}
		for _, f := range files {
			results, err := r.file(f.path, f.display)
			if err != nil {
				log.Fatalf("%s: %v", f.path, err)
			}
			for _, res := range results {
				if err := out.Encode(res); err != nil {
					log.Fatal(err)
				}
			}
		}
	}
}

type file struct{ path, display string }

func collect(arg string) ([]file, error) {
	st, err := os.Stat(arg)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []file{{arg, arg}}, nil
	}
	var files []file
	err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".yaml", ".yml", ".json":
			rel, _ := filepath.Rel(arg, p)
			files = append(files, file{p, filepath.ToSlash(rel)})
		}
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].display < files[j].display })
	return files, err
}

func (r *runner) file(path, display string) ([]result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	docs, err := documents(data)
	if err != nil {
		return nil, err
	}
	var results []result
	for index, d := range docs {
		for _, res := range r.objects(d) {
			res.File, res.Index = display, index
			results = append(results, res)
		}
	}
	return results, nil
}

// send posts one object: jsonDoc is what kubectl would send; raw, when set, is sent instead
// with its own content type under -body yaml, so the server's own decoder sees the file.
func (r *runner) send(jsonDoc, raw []byte, rawType string) result {
	res := result{Causes: []cause{}, Warnings: []string{}}
	var obj struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name      string `json:"name"`
			Namespace string `json:"namespace"`
		} `json:"metadata"`
	}
	// Lenient read of just the routing fields; the server does the real decoding.
	_ = json.Unmarshal(jsonDoc, &obj)
	res.APIVersion, res.Kind, res.Name = obj.APIVersion, obj.Kind, obj.Metadata.Name
	if obj.APIVersion == "" || obj.Kind == "" {
		res.Status, res.Message = "decode-error", "document has no apiVersion or kind (or is not a mapping)"
		return res
	}
	gv, err := schema.ParseGroupVersion(obj.APIVersion)
	if err != nil {
		res.Status, res.Message = "decode-error", err.Error()
		return res
	}
	mapping, err := r.mapper.RESTMapping(gv.WithKind(obj.Kind).GroupKind(), gv.Version)
	if err != nil {
		res.Status, res.Message = "not-found", err.Error()
		return res
	}

	path := "/apis/" + gv.Group + "/" + gv.Version
	if gv.Group == "" {
		path = "/api/" + gv.Version
	}
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		res.Namespace = obj.Metadata.Namespace
		if res.Namespace == "" {
			res.Namespace = r.defaultNS
		}
		// kubectl's client (client-go's Request.Namespace) refuses a namespace that cannot be a
		// path segment and sends nothing; its error is what kubectl prints.
		if msgs := rest.IsValidPathSegmentName(res.Namespace); len(msgs) != 0 {
			res.Status, res.Message = "decode-error", fmt.Sprintf("invalid namespace %q: %v", res.Namespace, msgs)
			return res
		}
		path += "/namespaces/" + url.PathEscape(res.Namespace)
	}
	path += "/" + mapping.Resource.Resource
	q := url.Values{"dryRun": {"All"}}
	if r.fieldValidation != "" {
		q.Set("fieldValidation", r.fieldValidation)
	}

	body, ctype := jsonDoc, "application/json"
	if r.body == "yaml" && raw != nil {
		body, ctype = raw, rawType
	}
	req, err := http.NewRequest(http.MethodPost, r.host+path+"?"+q.Encode(), bytes.NewReader(body))
	if err != nil {
		res.Status, res.Message = "decode-error", err.Error()
		return res
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Accept", "application/json")
	resp, err := r.http.Do(req)
	if err != nil {
		log.Fatalf("POST %s: %v", path, err) // the cluster is down: no result is meaningful
	}
	defer resp.Body.Close()
	respBody, _ := io.ReadAll(resp.Body)

	res.Code = resp.StatusCode
	warnings, _ := utilnet.ParseWarningHeaders(resp.Header.Values("Warning"))
	for _, w := range warnings {
		res.Warnings = append(res.Warnings, w.Text)
	}
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		res.Status = "accepted"
		return res
	case resp.StatusCode == http.StatusBadRequest:
		res.Status = "decode-error"
	default:
		res.Status = "rejected"
	}
	var st metav1.Status
	if json.Unmarshal(respBody, &st) == nil && st.Kind == "Status" {
		res.Message, res.Reason = st.Message, string(st.Reason)
		if st.Details != nil {
			for _, c := range st.Details.Causes {
				res.Causes = append(res.Causes, cause{Field: c.Field, Reason: string(c.Type), Message: c.Message})
			}
		}
	} else {
		res.Message = strings.TrimSpace(string(respBody))
	}
	return res
}
