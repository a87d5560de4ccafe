// Command fakelet stands in for kube-scheduler and kubelet in the local test
// cluster, so that Pods become Running/Ready with unique IPs and the upstream
// EndpointSlice / Endpoints controllers in kube-controller-manager see exactly
// what they would see in a real cluster.
//
// Why our own instead of kwok: it is ~600 lines on top of client-go, which the
// cluster module already compiles for kube-controller-manager, so it adds
// seconds to a cold build instead of a second large dependency tree; and it
// gives us the two knobs the tests need (readiness annotation, honoured grace
// periods) without a stage/CRD configuration language.
//
// What it does:
//   - registers N Nodes (Ready, zone labels, podCIDR 10.244.<i>.0/24) and renews
//     their Leases in kube-node-lease so the node lifecycle controller never
//     marks them NotReady or evicts pods;
//   - scheduler: binds every unscheduled Pod to the least-loaded Node whose
//     labels satisfy spec.nodeSelector (other scheduling constraints ignored);
//   - kubelet: for Pods on its Nodes sets phase Running, podIP(s) allocated
//     round-robin from the Node's podCIDR, hostIP, container statuses and the
//     PodScheduled/PodReadyToStartContainers/Initialized/ContainersReady/Ready
//     conditions;
//   - annotation fakelet.endpointslices.dev/ready: "false" keeps Ready=False
//     (flip it back to make the Pod ready again); spec.readinessGates are
//     honoured like the kubelet does;
//   - annotation fakelet.endpointslices.dev/phase: Succeeded|Failed makes the
//     Pod terminal (cannot be undone: the apiserver forbids leaving a terminal phase);
//   - annotation fakelet.endpointslices.dev/no-ip: "true" leaves a scheduled Pod
//     Pending without an IP (containers waiting in ContainerCreating), like a
//     kubelet whose network plugin has not answered yet;
//   - annotation fakelet.endpointslices.dev/ipv6: "also" gives the Pod a second,
//     IPv6 address (fd00::<node>:<host>, dual-stack), "only" an IPv6 address alone;
//   - a Pod deleted with a grace period stays Terminating (and keeps its
//     Ready condition, like a container still running its preStop hook) until
//     metadata.deletionTimestamp passes; then fakelet deletes it with grace 0,
//     as the kubelet does after the containers stopped.
package main

import (
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"net/netip"
	"os"
	"os/signal"
	"reflect"
	"sync"
	"syscall"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/component-base/version"
	"k8s.io/utils/ptr"
)

const (
	annReady = "fakelet.endpointslices.dev/ready"
	annPhase = "fakelet.endpointslices.dev/phase"
	annNoIP  = "fakelet.endpointslices.dev/no-ip"
	annIPv6  = "fakelet.endpointslices.dev/ipv6"
	// leaseDuration/renewInterval mirror the kubelet defaults (40s / every 10s).
	leaseDuration  = 40
	renewInterval  = 10 * time.Second
	statusInterval = time.Minute
)

type fakeNode struct {
	name   string
	hostIP string
	cidr   netip.Prefix
	zone   string
}

type fakelet struct {
	client kubernetes.Interface
	pods   corelisters.PodLister
	queue  workqueue.TypedRateLimitingInterface[string]
	nodes  []fakeNode
	byName map[string]*fakeNode

	mu      sync.Mutex
	ipOwner map[string]string // pod IP -> "ns/name"; guarded by mu
	podIP   map[string]string // "ns/name" -> pod IP
	cursor  map[string]int    // node -> next host offset to try (round-robin keeps
	// freshly freed IPs out of use for a while, so slices do not flip an IP
	// from one pod to the next one immediately)
}

func main() {
	kubeconfig := flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig (admin rights needed: binds pods, writes pod/node status)")
	nodeCount := flag.Int("nodes", 3, "number of fake nodes")
	nodePrefix := flag.String("node-prefix", "fakelet-node-", "node name prefix")
	podCIDR := flag.String("pod-cidr", "10.244.0.0/16", "cluster pod CIDR; node i gets the i-th /24")
	workers := flag.Int("workers", 4, "parallel pod workers")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)

	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Fatalf("kubeconfig: %v", err)
	}
	// 120+ pods are created at once by the seed; the client-go default of
	// 5 QPS would make them trickle in for ~minutes.
	cfg.QPS, cfg.Burst = 200, 400
	cfg.UserAgent = "fakelet/" + version.Get().GitVersion
	client := kubernetes.NewForConfigOrDie(cfg)

	cluster, err := netip.ParsePrefix(*podCIDR)
	if err != nil || !cluster.Addr().Is4() || cluster.Bits() > 16 {
		log.Fatalf("-pod-cidr must be an IPv4 prefix of /16 or larger: %q", *podCIDR)
	}
	f := &fakelet{
		client:  client,
		byName:  map[string]*fakeNode{},
		ipOwner: map[string]string{},
		podIP:   map[string]string{},
		cursor:  map[string]int{},
		queue: workqueue.NewTypedRateLimitingQueue(
			workqueue.NewTypedItemExponentialFailureRateLimiter[string](50*time.Millisecond, 10*time.Second)),
	}
	base := cluster.Addr().As4()
	zones := []string{"zone-a", "zone-b", "zone-c"}
	for i := 0; i < *nodeCount; i++ {
		a := base
		a[2] = byte(i)
		f.nodes = append(f.nodes, fakeNode{
			name: fmt.Sprintf("%s%d", *nodePrefix, i),
			// Loopback host IPs: nothing ever listens there, so an accidental
			// `kubectl logs/exec` (apiserver -> kubelet :10250) stays on this
			// machine and fails fast instead of sending traffic anywhere.
			hostIP: fmt.Sprintf("127.0.1.%d", i+1),
			cidr:   netip.PrefixFrom(netip.AddrFrom4(a), 24),
			zone:   zones[i%len(zones)],
		})
	}
	for i := range f.nodes {
		f.byName[f.nodes[i].name] = &f.nodes[i]
	}

	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer cancel()

	for i := range f.nodes {
		if err := f.ensureNode(ctx, &f.nodes[i]); err != nil {
			log.Fatalf("node %s: %v", f.nodes[i].name, err)
		}
	}
	go f.heartbeat(ctx)

	factory := informers.NewSharedInformerFactory(client, 30*time.Second)
	podInformer := factory.Core().V1().Pods()
	f.pods = podInformer.Lister()
	enqueue := func(obj any) {
		if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
			f.queue.Add(key)
		}
	}
	_, _ = podInformer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    enqueue,
		UpdateFunc: func(_, obj any) { enqueue(obj) },
		DeleteFunc: enqueue,
	})
	factory.Start(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), podInformer.Informer().HasSynced) {
		log.Fatal("pod informer did not sync")
	}
	// Re-learn IPs of pods that survived a fakelet restart before handing out new ones.
	all, _ := f.pods.List(labels.Everything())
	for _, p := range all {
		if _, ok := f.byName[p.Spec.NodeName]; ok && p.Status.PodIP != "" {
			f.claim(podKey(p), p.Status.PodIP)
		}
	}
	log.Printf("fakelet %s ready: %d nodes, %d existing pods", version.Get().GitVersion, len(f.nodes), len(all))

	for i := 0; i < *workers; i++ {
		go func() {
			for f.processNext(ctx) {
			}
		}()
	}
	<-ctx.Done()
	f.queue.ShutDown()
	log.Print("fakelet stopped")
}

func podKey(p *corev1.Pod) string { return p.Namespace + "/" + p.Name }

func (f *fakelet) processNext(ctx context.Context) bool {
	key, quit := f.queue.Get()
	if quit {
		return false
	}
	defer f.queue.Done(key)
	requeueAfter, err := f.sync(ctx, key)
	switch {
	case err != nil:
		log.Printf("sync %s: %v (retrying)", key, err)
		f.queue.AddRateLimited(key)
	default:
		f.queue.Forget(key)
		if requeueAfter > 0 {
			f.queue.AddAfter(key, requeueAfter)
		}
	}
	return true
}

// sync brings one pod one step closer to its desired state.
func (f *fakelet) sync(ctx context.Context, key string) (time.Duration, error) {
	ns, name, _ := cache.SplitMetaNamespaceKey(key)
	pod, err := f.pods.Pods(ns).Get(name)
	if apierrors.IsNotFound(err) {
		f.release(key)
		return 0, nil
	} else if err != nil {
		return 0, err
	}

	if pod.Spec.NodeName == "" {
		if pod.DeletionTimestamp != nil {
			return 0, nil // the apiserver deletes unscheduled pods immediately
		}
		return 0, f.schedule(ctx, pod)
	}
	node, ours := f.byName[pod.Spec.NodeName]
	if !ours {
		return 0, nil
	}

	if pod.DeletionTimestamp != nil {
		if wait := time.Until(pod.DeletionTimestamp.Time); wait > 0 {
			return wait + 100*time.Millisecond, nil // still in its grace period
		}
		err := f.client.CoreV1().Pods(ns).Delete(ctx, name, metav1.DeleteOptions{
			GracePeriodSeconds: ptr.To[int64](0),
			Preconditions:      &metav1.Preconditions{UID: &pod.UID},
		})
		if apierrors.IsConflict(err) {
			// The pod changed under us (another update of its deletion): look again shortly
			// rather than leave it terminating for good.
			return 100 * time.Millisecond, nil
		}
		if err != nil && !apierrors.IsNotFound(err) {
			return 0, err
		}
		log.Printf("pod %s: grace period over, deleted", key)
		return 0, nil
	}

	if pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed {
		return 0, nil // terminal phases are final
	}
	var status *corev1.PodStatus
	if pod.Annotations[annNoIP] == "true" {
		status = pendingStatus(pod, node)
	} else {
		ip, err := f.allocate(key, node, firstIPv4(pod.Status.PodIPs, pod.Status.PodIP))
		if err != nil {
			return 0, err
		}
		status = desiredStatus(pod, node, ip)
	}
	if statusEqual(&pod.Status, status) {
		return 0, nil
	}
	updated := pod.DeepCopy()
	updated.Status = *status
	if _, err := f.client.CoreV1().Pods(ns).UpdateStatus(ctx, updated, metav1.UpdateOptions{}); err != nil {
		return 0, err
	}
	log.Printf("pod %s: %s ip=%s ready=%s", key, status.Phase, status.PodIP, condStatus(status, corev1.PodReady))
	return 0, nil
}

func (f *fakelet) schedule(ctx context.Context, pod *corev1.Pod) error {
	load := map[string]int{}
	all, err := f.pods.List(labels.Everything())
	if err != nil {
		return err
	}
	for _, p := range all {
		load[p.Spec.NodeName]++
	}
	sel := labels.SelectorFromSet(pod.Spec.NodeSelector)
	var best *fakeNode
	for i := range f.nodes {
		n := &f.nodes[i]
		if !sel.Matches(labels.Set(nodeLabels(n))) {
			continue
		}
		if best == nil || load[n.name] < load[best.name] {
			best = n
		}
	}
	if best == nil {
		log.Printf("pod %s: no node matches nodeSelector %v, stays Pending", podKey(pod), pod.Spec.NodeSelector)
		return nil
	}
	err = f.client.CoreV1().Pods(pod.Namespace).Bind(ctx, &corev1.Binding{
		ObjectMeta: metav1.ObjectMeta{Name: pod.Name, UID: pod.UID},
		Target:     corev1.ObjectReference{Kind: "Node", Name: best.name},
	}, metav1.CreateOptions{})
	if apierrors.IsConflict(err) || apierrors.IsNotFound(err) {
		return nil // already bound / gone; the informer brings the new state
	}
	return err
}

// desiredStatus is the status a kubelet would report for a started pod.
func desiredStatus(pod *corev1.Pod, node *fakeNode, ip string) *corev1.PodStatus {
	now := metav1.Now()
	st := pod.Status.DeepCopy()

	terminal := corev1.PodPhase("")
	if v := pod.Annotations[annPhase]; v == string(corev1.PodSucceeded) || v == string(corev1.PodFailed) {
		terminal = corev1.PodPhase(v)
	}
	ready := pod.Annotations[annReady] != "false" && terminal == ""
	readyReason, readyMsg := "", ""
	if !ready {
		readyReason, readyMsg = "ContainersNotReady", "fakelet: "+annReady+"=false"
		if terminal != "" {
			readyReason, readyMsg = "PodCompleted", ""
		}
	}
	containersReady, cReason, cMsg := ready, readyReason, readyMsg
	// Readiness gates only affect Ready, not ContainersReady (as in the kubelet).
	for _, g := range pod.Spec.ReadinessGates {
		if ready && condStatus(st, g.ConditionType) != corev1.ConditionTrue {
			ready, readyReason = false, "ReadinessGatesNotReady"
			readyMsg = fmt.Sprintf("corresponding condition of pod readiness gate %q does not exist or is not True", g.ConditionType)
		}
	}

	st.Phase = corev1.PodRunning
	if terminal != "" {
		st.Phase = terminal
	}
	st.HostIP = node.hostIP
	st.HostIPs = []corev1.HostIP{{IP: node.hostIP}}
	st.PodIP, st.PodIPs = podIPs(pod, ip)
	if st.StartTime == nil {
		st.StartTime = &now
	}
	setCond(st, corev1.PodScheduled, true, "", "", now)
	setCond(st, corev1.PodReadyToStartContainers, terminal == "", "", "", now)
	setCond(st, corev1.PodInitialized, true, "", "", now)
	setCond(st, corev1.ContainersReady, containersReady, cReason, cMsg, now)
	setCond(st, corev1.PodReady, ready, readyReason, readyMsg, now)

	started := func(name string, old []corev1.ContainerStatus) metav1.Time {
		for _, c := range old {
			if c.Name == name && c.State.Running != nil {
				return c.State.Running.StartedAt
			}
		}
		return now
	}
	var cs []corev1.ContainerStatus
	for _, c := range pod.Spec.Containers {
		s := corev1.ContainerStatus{
			Name: c.Name, Image: c.Image, ImageID: "fakelet://" + c.Image,
			ContainerID: fmt.Sprintf("fakelet://%s-%s", pod.UID, c.Name),
			Ready:       containersReady, Started: ptr.To(terminal == ""),
		}
		if terminal == "" {
			s.State.Running = &corev1.ContainerStateRunning{StartedAt: started(c.Name, st.ContainerStatuses)}
		} else {
			code, reason := int32(0), "Completed"
			if terminal == corev1.PodFailed {
				code, reason = 1, "Error"
			}
			s.State.Terminated = &corev1.ContainerStateTerminated{ExitCode: code, Reason: reason, FinishedAt: now,
				StartedAt: started(c.Name, st.ContainerStatuses)}
		}
		cs = append(cs, s)
	}
	st.ContainerStatuses = cs
	var ics []corev1.ContainerStatus
	for _, c := range pod.Spec.InitContainers {
		ics = append(ics, corev1.ContainerStatus{
			Name: c.Name, Image: c.Image, ImageID: "fakelet://" + c.Image,
			ContainerID: fmt.Sprintf("fakelet://%s-%s", pod.UID, c.Name), Ready: true,
			State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "Completed"}},
		})
	}
	// Keep an already-reported init status (its timestamps) unchanged.
	if len(st.InitContainerStatuses) != len(ics) {
		st.InitContainerStatuses = ics
	}
	return st
}

// podIPs are the pod's addresses: its IPv4 one, plus or instead of an IPv6 one
// derived from it when the ipv6 annotation asks (the first entry is podIP).
func podIPs(pod *corev1.Pod, ip string) (string, []corev1.PodIP) {
	v4 := netip.MustParseAddr(ip).As4()
	var v6 [16]byte
	v6[0], v6[1] = 0xfd, 0x00
	v6[13], v6[15] = v4[2], v4[3]
	six := netip.AddrFrom16(v6).String()
	switch pod.Annotations[annIPv6] {
	case "also":
		return ip, []corev1.PodIP{{IP: ip}, {IP: six}}
	case "only":
		return six, []corev1.PodIP{{IP: six}}
	}
	return ip, []corev1.PodIP{{IP: ip}}
}

// firstIPv4 is the IPv4 address reported earlier, which the allocator owns.
func firstIPv4(ips []corev1.PodIP, podIP string) string {
	for _, p := range ips {
		if a, err := netip.ParseAddr(p.IP); err == nil && a.Is4() {
			return p.IP
		}
	}
	if a, err := netip.ParseAddr(podIP); err == nil && a.Is4() {
		return podIP
	}
	return ""
}

// pendingStatus is a scheduled pod whose sandbox has no network yet: Pending,
// no IP, containers waiting.
func pendingStatus(pod *corev1.Pod, node *fakeNode) *corev1.PodStatus {
	now := metav1.Now()
	st := pod.Status.DeepCopy()
	st.Phase = corev1.PodPending
	st.HostIP = node.hostIP
	st.HostIPs = []corev1.HostIP{{IP: node.hostIP}}
	st.PodIP, st.PodIPs = "", nil
	setCond(st, corev1.PodScheduled, true, "", "", now)
	setCond(st, corev1.PodReadyToStartContainers, false, "", "", now)
	setCond(st, corev1.PodInitialized, true, "", "", now)
	setCond(st, corev1.ContainersReady, false, "ContainersNotReady", "containers with unready status", now)
	setCond(st, corev1.PodReady, false, "ContainersNotReady", "containers with unready status", now)
	var cs []corev1.ContainerStatus
	for _, c := range pod.Spec.Containers {
		cs = append(cs, corev1.ContainerStatus{Name: c.Name, Image: c.Image,
			State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}}})
	}
	st.ContainerStatuses = cs
	return st
}

// setCond sets a condition, keeping lastTransitionTime when the status is unchanged.
func setCond(st *corev1.PodStatus, t corev1.PodConditionType, ok bool, reason, msg string, now metav1.Time) {
	s := corev1.ConditionFalse
	if ok {
		s = corev1.ConditionTrue
	}
	for i := range st.Conditions {
		c := &st.Conditions[i]
		if c.Type == t {
			if c.Status != s {
				c.LastTransitionTime = now
			}
			c.Status, c.Reason, c.Message = s, reason, msg
			return
		}
	}
	st.Conditions = append(st.Conditions, corev1.PodCondition{Type: t, Status: s, Reason: reason, Message: msg, LastTransitionTime: now})
}

func condStatus(st *corev1.PodStatus, t corev1.PodConditionType) corev1.ConditionStatus {
	for _, c := range st.Conditions {
		if c.Type == t {
			return c.Status
		}
	}
	return corev1.ConditionUnknown
}

// statusEqual compares what matters to the endpoint controllers; it avoids an
// update loop caused by timestamps (desiredStatus only sets new timestamps
// on real changes, so DeepEqual is enough).
func statusEqual(a, b *corev1.PodStatus) bool { return reflect.DeepEqual(a, b) }

// --- IP allocation ------------------------------------------------------------

func (f *fakelet) claim(key, ip string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ipOwner[ip], f.podIP[key] = key, ip
}

func (f *fakelet) release(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if ip, ok := f.podIP[key]; ok {
		delete(f.podIP, key)
		if f.ipOwner[ip] == key {
			delete(f.ipOwner, ip)
		}
	}
}

// allocate returns the pod's IP, assigning a free one from the node's /24 if needed.
func (f *fakelet) allocate(key string, node *fakeNode, current string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if ip, ok := f.podIP[key]; ok {
		return ip, nil
	}
	if current != "" { // reported earlier (e.g. before a restart) and not yet claimed
		f.ipOwner[current], f.podIP[key] = key, current
		return current, nil
	}
	base := node.cidr.Addr().As4()
	b := binary.BigEndian.Uint32(base[:])
	// .0 network, .1 gateway-by-convention, .255 broadcast: hand out .2-.254.
	for i := 0; i < 253; i++ {
		off := 2 + (f.cursor[node.name]+i)%253
		var a [4]byte
		binary.BigEndian.PutUint32(a[:], b+uint32(off))
		ip := netip.AddrFrom4(a).String()
		if _, used := f.ipOwner[ip]; !used {
			f.cursor[node.name] = off - 1 // next search starts after this one
			f.ipOwner[ip], f.podIP[key] = key, ip
			return ip, nil
		}
	}
	return "", fmt.Errorf("node %s: pod CIDR %s exhausted", node.name, node.cidr)
}

// --- nodes ----------------------------------------------------------------------

func nodeLabels(n *fakeNode) map[string]string {
	return map[string]string{
		"kubernetes.io/hostname":           n.name,
		"kubernetes.io/os":                 "linux",
		"kubernetes.io/arch":               "amd64",
		"topology.kubernetes.io/region":    "local",
		"topology.kubernetes.io/zone":      n.zone,
		"node.kubernetes.io/instance-type": "fakelet",
		"fakelet.endpointslices.dev/node":  "true",
	}
}

func (f *fakelet) ensureNode(ctx context.Context, n *fakeNode) error {
	nodes := f.client.CoreV1().Nodes()
	node, err := nodes.Get(ctx, n.name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		node, err = nodes.Create(ctx, &corev1.Node{
			ObjectMeta: metav1.ObjectMeta{Name: n.name, Labels: nodeLabels(n)},
			Spec:       corev1.NodeSpec{PodCIDR: n.cidr.String(), PodCIDRs: []string{n.cidr.String()}},
		}, metav1.CreateOptions{})
	}
	if err != nil {
		return err
	}
	return f.updateNodeStatus(ctx, node, n)
}

func (f *fakelet) updateNodeStatus(ctx context.Context, node *corev1.Node, n *fakeNode) error {
	now := metav1.Now()
	node = node.DeepCopy()
	capacity := corev1.ResourceList{
		corev1.ResourceCPU:              resource.MustParse("16"),
		corev1.ResourceMemory:           resource.MustParse("64Gi"),
		corev1.ResourceEphemeralStorage: resource.MustParse("100Gi"),
		corev1.ResourcePods:             resource.MustParse("250"),
	}
	conds := []corev1.NodeCondition{
		{Type: corev1.NodeMemoryPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasSufficientMemory"},
		{Type: corev1.NodeDiskPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasNoDiskPressure"},
		{Type: corev1.NodePIDPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasSufficientPID"},
		{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady", Message: "fakelet is posting ready status"},
	}
	for i := range conds {
		conds[i].LastHeartbeatTime = now
		conds[i].LastTransitionTime = now
		for _, old := range node.Status.Conditions {
			if old.Type == conds[i].Type && old.Status == conds[i].Status {
				conds[i].LastTransitionTime = old.LastTransitionTime
			}
		}
	}
	node.Status = corev1.NodeStatus{
		Capacity: capacity, Allocatable: capacity, Phase: "", Conditions: conds,
		Addresses:       []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: n.hostIP}, {Type: corev1.NodeHostName, Address: n.name}},
		DaemonEndpoints: corev1.NodeDaemonEndpoints{KubeletEndpoint: corev1.DaemonEndpoint{Port: 10250}},
		NodeInfo: corev1.NodeSystemInfo{
			MachineID: n.name, SystemUUID: n.name, BootID: n.name,
			KernelVersion: "fakelet", OSImage: "fakelet", ContainerRuntimeVersion: "fakelet://1.0",
			KubeletVersion: version.Get().GitVersion, OperatingSystem: "linux", Architecture: "amd64",
		},
	}
	_, err := f.client.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{})
	return err
}

// heartbeat renews node Leases (what the node lifecycle controller watches)
// and refreshes the Ready condition now and then, like the kubelet.
func (f *fakelet) heartbeat(ctx context.Context) {
	lastStatus := time.Now()
	t := time.NewTicker(renewInterval)
	defer t.Stop()
	for {
		for i := range f.nodes {
			if err := f.renewLease(ctx, &f.nodes[i]); err != nil && ctx.Err() == nil {
				log.Printf("lease %s: %v", f.nodes[i].name, err)
			}
		}
		if time.Since(lastStatus) >= statusInterval {
			lastStatus = time.Now()
			for i := range f.nodes {
				n := &f.nodes[i]
				node, err := f.client.CoreV1().Nodes().Get(ctx, n.name, metav1.GetOptions{})
				if apierrors.IsNotFound(err) {
					err = f.ensureNode(ctx, n) // someone deleted it: register again
				} else if err == nil {
					err = f.updateNodeStatus(ctx, node, n)
				}
				if err != nil && ctx.Err() == nil {
					log.Printf("node status %s: %v", n.name, err)
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (f *fakelet) renewLease(ctx context.Context, n *fakeNode) error {
	leases := f.client.CoordinationV1().Leases(corev1.NamespaceNodeLease)
	now := metav1.NewMicroTime(time.Now())
	lease, err := leases.Get(ctx, n.name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		node, nerr := f.client.CoreV1().Nodes().Get(ctx, n.name, metav1.GetOptions{})
		if nerr != nil {
			return nerr
		}
		_, err = leases.Create(ctx, &coordinationv1.Lease{
			ObjectMeta: metav1.ObjectMeta{Name: n.name, OwnerReferences: []metav1.OwnerReference{{
				APIVersion: "v1", Kind: "Node", Name: node.Name, UID: node.UID}}},
			Spec: coordinationv1.LeaseSpec{HolderIdentity: ptr.To(n.name),
				LeaseDurationSeconds: ptr.To[int32](leaseDuration), RenewTime: &now},
		}, metav1.CreateOptions{})
		return err
	} else if err != nil {
		return err
	}
	lease.Spec.RenewTime = &now
	_, err = leases.Update(ctx, lease, metav1.UpdateOptions{})
	return err
}
