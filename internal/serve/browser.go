package serve

import (
	"os/exec"
	"runtime"
)

// OpenBrowser opens url in the default browser, as a double-click on a
// link would. It does not wait for the browser; if none opens, the
// address printed by the server is still there to copy.
func OpenBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return
	}
	go cmd.Wait() // reap it
}
