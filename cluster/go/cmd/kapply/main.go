// Command kapply is a minimal `kubectl apply --server-side -f FILE...`.
// kubectl is not installed on the project's machines and building it would
// add minutes to a cold build; the cluster scripts only need to apply a few
// manifests (RBAC for the `restricted` user), which server-side apply through
// the dynamic client does in a few lines.
//
//	kapply -kubeconfig admin.kubeconfig FILE...
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/yaml"
)

func main() {
	kubeconfig := flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig to use")
	fieldManager := flag.String("field-manager", "endpointslices-cluster", "server-side apply field manager")
	flag.Parse()
	log.SetFlags(0)

	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Fatalf("kubeconfig: %v", err)
	}
	dyn := dynamic.NewForConfigOrDie(cfg)
	dc := discovery.NewDiscoveryClientForConfigOrDie(cfg)
	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc))
	ctx := context.Background()

	for _, path := range flag.Args() {
		f, err := os.Open(path)
		if err != nil {
			log.Fatal(err)
		}
		reader := utilyaml.NewYAMLReader(bufio.NewReader(f))
		for {
			doc, err := reader.Read()
			if errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				log.Fatalf("%s: %v", path, err)
			}
			obj := &unstructured.Unstructured{}
			if err := yaml.Unmarshal(doc, &obj.Object); err != nil {
				log.Fatalf("%s: %v", path, err)
			}
			if len(obj.Object) == 0 {
				continue
			}
			gvk := obj.GroupVersionKind()
			mapping, err := mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
			if err != nil {
				log.Fatalf("%s: %s: %v", path, gvk, err)
			}
			var client dynamic.ResourceInterface = dyn.Resource(mapping.Resource)
			if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
				ns := obj.GetNamespace()
				if ns == "" {
					ns = "default"
				}
				client = dyn.Resource(mapping.Resource).Namespace(ns)
			}
			if _, err := client.Apply(ctx, obj.GetName(), obj, metav1.ApplyOptions{FieldManager: *fieldManager, Force: true}); err != nil {
				log.Fatalf("%s: apply %s %s: %v", path, gvk.Kind, obj.GetName(), err)
			}
			fmt.Printf("applied %s/%s\n", mapping.Resource.Resource, obj.GetName())
		}
		f.Close()
	}
}
