// Added to sigs.k8s.io/controller-runtime/pkg/webhook by scripts/testenv.d/build.sh
// (go build -overlay): the CAPI managers leave the webhook Host empty, which
// means every interface; the test env must listen on loopback only.

package webhook

import "os"

func aglaisListenHost(host string) string {
	if host == "" {
		return os.Getenv("AGLAIS_LISTEN_HOST")
	}
	return host
}
