// Added to sigs.k8s.io/cluster-api/test/infrastructure/inmemory/pkg/server by
// scripts/testenv.d/build.sh (go build -overlay): the in-memory workload API
// servers and their debug server would otherwise listen on every interface.

package server

import (
	"net"
	"os"
	"strconv"
)

func aglaisListenAddr(port int32) string {
	return net.JoinHostPort(os.Getenv("AGLAIS_LISTEN_HOST"), strconv.Itoa(int(port)))
}
