// Command seed fills the local cluster with a realistic EndpointSlice demo.
// It is idempotent (existing objects are left alone) and waits until the
// upstream controllers have produced the expected EndpointSlices, so callers
// (tests, the README walkthrough) can rely on them as soon as it exits 0.
//
// What it creates (namespace: objects -> what it exercises):
//
//	demo-web:      frontend  Deployment(3) + Service with two named ports (targetPort by name)
//	               api       Deployment(4) + Service with one unnamed port; one pod is made not ready
//	               worker    Deployment(2) whose pods never become ready
//	               legacy    3 plain Pods + Service; legacy-2 is deleted with a 1h grace
//	                         period, so it stays Terminating (serving=true, terminating=true)
//	demo-data:     db        StatefulSet(3) + headless Service (endpoint hostnames); db-2 not ready
//	               db-peers  headless Service with publishNotReadyAddresses on the same pods
//	               dns       Deployment(2) + Service with UDP and TCP port 53
//	demo-large:    big       Deployment(120) + Service -> more than 100 endpoints, so the
//	                         controller splits them over several slices
//	demo-external: external-db     selectorless Service + hand-written IPv4 and IPv6 EndpointSlices
//	               legacy-backend  selectorless Service + legacy Endpoints, mirrored into a
//	                               slice by the endpointslicemirroring controller
//	               docs            ExternalName Service (no endpoints at all)
//	demo-restricted: restricted-app Deployment(2) + Service (visible to the `restricted` user)
//	demo-routing:  Services that route nowhere or partially, one per cause (routing.go)
//	demo-topology: nearby    Deployment(6) + Service with trafficDistribution PreferClose, so the
//	                         controller writes zone hints (fakelet's nodes are in three zones)
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/utils/ptr"
)

const (
	image     = "registry.k8s.io/pause:3.10" // never pulled: fakelet only pretends to run it
	annReady  = "fakelet.endpointslices.dev/ready"
	managedBy = "seed.endpointslices.dev"
	// Long enough that the pod is still Terminating for any test run after seeding.
	terminatingGrace = int64(3600)
)

var (
	cs  kubernetes.Interface
	ctx = context.Background()
)

func main() {
	kubeconfig := flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "admin kubeconfig")
	largeReplicas := flag.Int("large-replicas", 120, "pods behind demo-large/big (>100 gives several slices)")
	timeout := flag.Duration("timeout", 5*time.Minute, "how long to wait for the controllers")
	flag.Parse()
	log.SetFlags(log.Ltime)

	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Fatalf("kubeconfig: %v", err)
	}
	cfg.QPS, cfg.Burst = 100, 200
	cfg.UserAgent = "endpointslices-seed"
	// The demo creates a v1 Endpoints object on purpose (the mirroring controller's input), and
	// the apiserver answers with its deprecation warning; client-go would print it as a raw log
	// line into `npm start`'s output, where it reads like a fault of the demo.
	cfg.WarningHandler = rest.NoWarnings{}
	cs = kubernetes.NewForConfigOrDie(cfg)

	for _, ns := range []string{"demo-web", "demo-data", "demo-large", "demo-external", "demo-restricted", "demo-routing", "demo-topology"} {
		must(create(cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{
			Name: ns, Labels: map[string]string{"endpointslices.dev/demo": "true"}}}, metav1.CreateOptions{})))
		// The ServiceAccount admission plugin rejects pods until the KCM's
		// serviceaccount controller has created "default" in a new namespace.
		must(wait.PollUntilContextTimeout(ctx, 200*time.Millisecond, time.Minute, true, func(ctx context.Context) (bool, error) {
			_, err := cs.CoreV1().ServiceAccounts(ns).Get(ctx, "default", metav1.GetOptions{})
			return err == nil, nil
		}))
	}

	httpPorts := []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}, {Name: "metrics", ContainerPort: 9090}}
	deployment("demo-web", "frontend", 3, httpPorts, nil)
	service("demo-web", "frontend", nil, []corev1.ServicePort{
		{Name: "http", Port: 80, TargetPort: intstr.FromString("http")},
		{Name: "metrics", Port: 9090, TargetPort: intstr.FromString("metrics")},
	})
	deployment("demo-web", "api", 4, []corev1.ContainerPort{{ContainerPort: 8080}}, nil)
	service("demo-web", "api", nil, []corev1.ServicePort{{Port: 8080, TargetPort: intstr.FromInt32(8080)}})
	deployment("demo-web", "worker", 2, []corev1.ContainerPort{{ContainerPort: 7000}}, map[string]string{annReady: "false"})
	service("demo-web", "worker", nil, []corev1.ServicePort{{Name: "rpc", Port: 7000, TargetPort: intstr.FromInt32(7000)}})
	for i := 0; i < 3; i++ {
		pod("demo-web", fmt.Sprintf("legacy-%d", i), "legacy")
	}
	service("demo-web", "legacy", nil, []corev1.ServicePort{{Name: "http", Port: 80, TargetPort: intstr.FromInt32(8080)}})

	statefulSet("demo-data", "db", 3)
	service("demo-data", "db", func(s *corev1.Service) { s.Spec.ClusterIP = corev1.ClusterIPNone },
		[]corev1.ServicePort{{Name: "postgres", Port: 5432}})
	service("demo-data", "db-peers", func(s *corev1.Service) {
		s.Spec.ClusterIP = corev1.ClusterIPNone
		s.Spec.Selector = map[string]string{"app": "db"}
		s.Spec.PublishNotReadyAddresses = true
	}, []corev1.ServicePort{{Name: "peer", Port: 5433}})
	deployment("demo-data", "dns", 2, []corev1.ContainerPort{
		{Name: "dns", ContainerPort: 53, Protocol: corev1.ProtocolUDP},
		{Name: "dns-tcp", ContainerPort: 53, Protocol: corev1.ProtocolTCP}}, nil)
	service("demo-data", "dns", nil, []corev1.ServicePort{
		{Name: "dns", Port: 53, Protocol: corev1.ProtocolUDP, TargetPort: intstr.FromString("dns")},
		{Name: "dns-tcp", Port: 53, Protocol: corev1.ProtocolTCP, TargetPort: intstr.FromString("dns-tcp")}})

	deployment("demo-large", "big", int32(*largeReplicas), []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}}, nil)
	service("demo-large", "big", nil, []corev1.ServicePort{{Name: "http", Port: 80, TargetPort: intstr.FromString("http")}})

	seedExternal()
	seedRouting()

	deployment("demo-restricted", "restricted-app", 2, []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}}, nil)
	service("demo-restricted", "restricted-app", nil, []corev1.ServicePort{{Name: "http", Port: 80, TargetPort: intstr.FromString("http")}})

	deployment("demo-topology", "nearby", 6, []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}}, nil)
	service("demo-topology", "nearby", func(s *corev1.Service) { s.Spec.TrafficDistribution = ptr.To("PreferClose") },
		[]corev1.ServicePort{{Name: "http", Port: 80, TargetPort: intstr.FromString("http")}})

	// Wait for the controllers, then apply the state changes that need running pods.
	waitEndpoints(*timeout, map[string]int{
		"demo-web/frontend": 3, "demo-web/api": 4, "demo-web/worker": 2, "demo-web/legacy": 3,
		"demo-data/db": 3, "demo-data/db-peers": 3, "demo-data/dns": 2,
		"demo-large/big": *largeReplicas, "demo-restricted/restricted-app": 2,
		"demo-external/external-db": 4, "demo-external/legacy-backend": 3,
		"demo-routing/payments": 2, "demo-routing/search": 1, "demo-routing/inventory": 1,
		"demo-topology/nearby": 6,
	})
	markOneNotReady("demo-web", "app=api")
	setReady("demo-data", "db-2", false)
	terminate("demo-web", "legacy-2")
	waitCondition(*timeout, "demo-web/api has a not-ready endpoint", func() bool { return count("demo-web", "api").notReady == 1 })
	waitCondition(*timeout, "demo-data/db has a not-ready endpoint", func() bool { return count("demo-data", "db").notReady == 1 })
	waitCondition(*timeout, "demo-web/legacy has a terminating endpoint", func() bool { return count("demo-web", "legacy").terminating == 1 })
	waitCondition(*timeout, "demo-topology/nearby has zone hints", func() bool { return count("demo-topology", "nearby").hinted == 6 })
	summary()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// create turns AlreadyExists into success so that seeding can be re-run.
func create[T any](_ T, err error) error {
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	return err
}

func podSpec(ports []corev1.ContainerPort) corev1.PodSpec {
	// Default grace period (30s): fakelet honours it, so deleting a seeded
	// pod shows a realistic, short Terminating phase.
	return corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: image, Ports: ports}}}
}

func deployment(ns, name string, replicas int32, ports []corev1.ContainerPort, podAnnotations map[string]string) {
	lbl := map[string]string{"app": name}
	must(create(cs.AppsV1().Deployments(ns).Create(ctx, &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: lbl},
		Spec: appsv1.DeploymentSpec{
			Replicas: ptr.To(replicas),
			Selector: &metav1.LabelSelector{MatchLabels: lbl},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: lbl, Annotations: podAnnotations},
				Spec:       podSpec(ports),
			},
		},
	}, metav1.CreateOptions{})))
}

func statefulSet(ns, name string, replicas int32) {
	lbl := map[string]string{"app": name}
	must(create(cs.AppsV1().StatefulSets(ns).Create(ctx, &appsv1.StatefulSet{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: lbl},
		Spec: appsv1.StatefulSetSpec{
			Replicas: ptr.To(replicas), ServiceName: name,
			// Parallel: the default OrderedReady would wait for each pod in turn.
			PodManagementPolicy: appsv1.ParallelPodManagement,
			Selector:            &metav1.LabelSelector{MatchLabels: lbl},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: lbl},
				Spec:       podSpec([]corev1.ContainerPort{{Name: "postgres", ContainerPort: 5432}, {Name: "peer", ContainerPort: 5433}}),
			},
		},
	}, metav1.CreateOptions{})))
}

func pod(ns, name, app string) {
	spec := podSpec([]corev1.ContainerPort{{Name: "http", ContainerPort: 8080}})
	spec.TerminationGracePeriodSeconds = ptr.To(terminatingGrace)
	must(create(cs.CoreV1().Pods(ns).Create(ctx, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"app": app}},
		Spec:       spec,
	}, metav1.CreateOptions{})))
}

// service creates a Service selecting app=<name> unless mutate changes that.
func service(ns, name string, mutate func(*corev1.Service), ports []corev1.ServicePort) {
	s := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"app": name}},
		Spec:       corev1.ServiceSpec{Selector: map[string]string{"app": name}, Ports: ports},
	}
	if mutate != nil {
		mutate(s)
	}
	must(create(cs.CoreV1().Services(ns).Create(ctx, s, metav1.CreateOptions{})))
}

func seedExternal() {
	const ns = "demo-external"
	noSelector := func(s *corev1.Service) { s.Spec.Selector = nil }
	service(ns, "external-db", noSelector, []corev1.ServicePort{{Name: "postgres", Port: 5432}})
	// Addresses from the documentation ranges (RFC 5737 / RFC 3849): nothing
	// routes or listens there, and nothing in this cluster dials them.
	for _, es := range []*discoveryv1.EndpointSlice{
		{
			ObjectMeta:  metav1.ObjectMeta{Name: "external-db-ipv4"},
			AddressType: discoveryv1.AddressTypeIPv4,
			Endpoints: []discoveryv1.Endpoint{
				{Addresses: []string{"192.0.2.10"}, Hostname: ptr.To("primary"), Zone: ptr.To("zone-a"),
					Conditions: discoveryv1.EndpointConditions{Ready: ptr.To(true), Serving: ptr.To(true), Terminating: ptr.To(false)}},
				{Addresses: []string{"192.0.2.11"}, Hostname: ptr.To("replica"), Zone: ptr.To("zone-b"),
					Conditions: discoveryv1.EndpointConditions{Ready: ptr.To(false), Serving: ptr.To(false), Terminating: ptr.To(false)}},
			},
			Ports: []discoveryv1.EndpointPort{{Name: ptr.To("postgres"), Port: ptr.To[int32](5432), Protocol: ptr.To(corev1.ProtocolTCP)}},
		},
		{
			ObjectMeta:  metav1.ObjectMeta{Name: "external-db-ipv6"},
			AddressType: discoveryv1.AddressTypeIPv6,
			Endpoints: []discoveryv1.Endpoint{
				{Addresses: []string{"2001:db8::10"}, Conditions: discoveryv1.EndpointConditions{Ready: ptr.To(true)}},
				{Addresses: []string{"2001:db8::11"}, Conditions: discoveryv1.EndpointConditions{Ready: ptr.To(true)}},
			},
			Ports: []discoveryv1.EndpointPort{{Name: ptr.To("postgres"), Port: ptr.To[int32](5432), Protocol: ptr.To(corev1.ProtocolTCP)}},
		},
	} {
		es.Labels = map[string]string{discoveryv1.LabelServiceName: "external-db", discoveryv1.LabelManagedBy: managedBy}
		must(create(cs.DiscoveryV1().EndpointSlices(ns).Create(ctx, es, metav1.CreateOptions{})))
	}

	service(ns, "legacy-backend", noSelector, []corev1.ServicePort{{Name: "http", Port: 80, TargetPort: intstr.FromInt32(8080)}})
	// core/v1 Endpoints is deprecated (the apiserver answers with a Warning
	// header); the endpointslicemirroring controller copies it into a slice.
	must(create(cs.CoreV1().Endpoints(ns).Create(ctx, &corev1.Endpoints{
		ObjectMeta: metav1.ObjectMeta{Name: "legacy-backend"},
		Subsets: []corev1.EndpointSubset{{
			Addresses:         []corev1.EndpointAddress{{IP: "198.51.100.10"}, {IP: "198.51.100.11", Hostname: "backend-b"}},
			NotReadyAddresses: []corev1.EndpointAddress{{IP: "198.51.100.12"}},
			Ports:             []corev1.EndpointPort{{Name: "http", Port: 8080, Protocol: corev1.ProtocolTCP}},
		}},
	}, metav1.CreateOptions{})))

	service(ns, "docs", func(s *corev1.Service) {
		s.Spec.Selector, s.Spec.Type, s.Spec.ExternalName = nil, corev1.ServiceTypeExternalName, "docs.example.com"
	}, []corev1.ServicePort{{Name: "https", Port: 443}})
}

type counts struct{ slices, ready, notReady, terminating, total, hinted int }

func count(ns, svc string) counts {
	var c counts
	list, err := cs.DiscoveryV1().EndpointSlices(ns).List(ctx, metav1.ListOptions{LabelSelector: discoveryv1.LabelServiceName + "=" + svc})
	if err != nil {
		return c
	}
	c.slices = len(list.Items)
	for _, es := range list.Items {
		for _, ep := range es.Endpoints {
			c.total++
			if ep.Hints != nil && len(ep.Hints.ForZones) > 0 {
				c.hinted++
			}
			switch {
			case ptr.Deref(ep.Conditions.Terminating, false):
				c.terminating++
			case ptr.Deref(ep.Conditions.Ready, true):
				c.ready++
			default:
				c.notReady++
			}
		}
	}
	return c
}

func waitEndpoints(timeout time.Duration, want map[string]int) {
	waitCondition(timeout, fmt.Sprintf("endpoints of %d services", len(want)), func() bool {
		for key, n := range want {
			ns, svc, _ := strings.Cut(key, "/")
			if got := count(ns, svc).total; got != n {
				log.Printf("  waiting: %s has %d/%d endpoints", key, got, n)
				return false
			}
		}
		return true
	})
}

func waitCondition(timeout time.Duration, what string, ok func() bool) {
	log.Printf("waiting for %s", what)
	err := wait.PollUntilContextTimeout(ctx, 2*time.Second, timeout, true, func(context.Context) (bool, error) { return ok(), nil })
	if err != nil {
		log.Fatalf("timed out waiting for %s", what)
	}
}

func setReady(ns, name string, ready bool) {
	patch := fmt.Sprintf(`{"metadata":{"annotations":{%q:%q}}}`, annReady, fmt.Sprint(ready))
	_, err := cs.CoreV1().Pods(ns).Patch(ctx, name, types.MergePatchType, []byte(patch), metav1.PatchOptions{})
	must(err)
}

// markOneNotReady flips the alphabetically first pod (stable across re-runs).
func markOneNotReady(ns, selector string) {
	pods, err := cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: selector})
	must(err)
	names := []string{}
	for _, p := range pods.Items {
		if p.Annotations[annReady] == "false" {
			return // already done by an earlier run
		}
		names = append(names, p.Name)
	}
	sort.Strings(names)
	setReady(ns, names[0], false)
}

func terminate(ns, name string) {
	p, err := cs.CoreV1().Pods(ns).Get(ctx, name, metav1.GetOptions{})
	must(err)
	if p.DeletionTimestamp != nil {
		return
	}
	must(cs.CoreV1().Pods(ns).Delete(ctx, name, metav1.DeleteOptions{GracePeriodSeconds: ptr.To(terminatingGrace)}))
}

func summary() {
	svcs, err := cs.CoreV1().Services("").List(ctx, metav1.ListOptions{})
	must(err)
	fmt.Printf("%-16s %-16s %6s %6s %9s %12s\n", "NAMESPACE", "SERVICE", "SLICES", "READY", "NOT-READY", "TERMINATING")
	for _, s := range svcs.Items {
		if !strings.HasPrefix(s.Namespace, "demo-") {
			continue
		}
		c := count(s.Namespace, s.Name)
		fmt.Printf("%-16s %-16s %6d %6d %9d %12d\n", s.Namespace, s.Name, c.slices, c.ready, c.notReady, c.terminating)
	}
}
