package main

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// seedRouting fills demo-routing with Services that route nowhere or to only some of the pods
// they select, one per cause, for the cluster view's routing verdicts:
//
//	checkout   selector app=checkout-service, pods labelled app=checkout-svc (a renamed label):
//	           routes nowhere, nearest pods named
//	payments   targetPort "web", the pods name their port "http": endpoints without ports
//	search     one ready pod, one still without an IP (fakelet no-ip), one unschedulable
//	           (nodeSelector no node has): routes to 1 of 3
//	inventory  one IPv4 pod, one IPv6-only pod in an IPv4 Service: routes to 1 of 2
func seedRouting() {
	const ns = "demo-routing"
	httpPort := []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}}
	web := []corev1.ServicePort{{Name: "web", Port: 80, TargetPort: intstr.FromString("http")}}

	deployment(ns, "checkout-svc", 2, httpPort, nil)
	service(ns, "checkout", func(s *corev1.Service) { s.Spec.Selector = map[string]string{"app": "checkout-service"} }, web)

	deployment(ns, "payments", 2, httpPort, nil)
	service(ns, "payments", nil, []corev1.ServicePort{{Name: "web", Port: 80, TargetPort: intstr.FromString("web")}})

	routingPod(ns, "search-0", "search", nil, nil)
	routingPod(ns, "search-1", "search", map[string]string{"fakelet.endpointslices.dev/no-ip": "true"}, nil)
	routingPod(ns, "search-2", "search", nil, map[string]string{"fakelet.endpointslices.dev/node": "nowhere"})
	service(ns, "search", nil, web)

	routingPod(ns, "inventory-0", "inventory", nil, nil)
	routingPod(ns, "inventory-1", "inventory", map[string]string{"fakelet.endpointslices.dev/ipv6": "only"}, nil)
	service(ns, "inventory", nil, web)
}

func routingPod(ns, name, app string, annotations, nodeSelector map[string]string) {
	spec := podSpec([]corev1.ContainerPort{{Name: "http", ContainerPort: 8080}})
	spec.NodeSelector = nodeSelector
	must(create(cs.CoreV1().Pods(ns).Create(ctx, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"app": app}, Annotations: annotations},
		Spec:       spec,
	}, metav1.CreateOptions{})))
}
