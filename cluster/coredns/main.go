// Command coredns is CoreDNS v1.15.0 built with only the plugins the DNS
// fidelity suite needs: the kubernetes plugin (the cluster DNS answers under
// test), bind (so it listens on loopback only), errors and log (so a failed
// query leaves a trace in the log file).
// Fewer plugins keep the cold build short; the answers come from the same
// plugin code a real cluster's CoreDNS runs.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/log"
)

// directives is the plugin chain order, a subset of upstream's plugin.cfg in
// the same relative order.
var directives = []string{"bind", "errors", "log", "kubernetes"}

func init() {
	dnsserver.Directives = directives
}

func main() {
	coremain.Run()
}
