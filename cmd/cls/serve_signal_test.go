//go:build unix

package main

import (
	"bufio"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startServe runs cls serve on dir as its own process (this test binary,
// standing in for cls) and returns it, its page's address and its
// standard output, line by line.
func startServe(t *testing.T, dir string) (*exec.Cmd, string, <-chan string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "serve", "--config", filepath.Join(dir, "cls.yaml"), "--adresse", "127.0.0.1:0", "--sans-navigateur")
	cmd.Env = append(os.Environ(), asCLS+"=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	addr := regexp.MustCompile(`Page du contrat : (http://\S+/)`)
	for line := range lines {
		if m := addr.FindStringSubmatch(line); m != nil {
			return cmd, m[1], lines
		}
	}
	t.Fatal("cls serve ended without serving")
	return nil, "", nil
}

// waitLine waits for a line of out holding want.
func waitLine(t *testing.T, out <-chan string, want string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case line, ok := <-out:
			if !ok {
				t.Fatalf("cls ended without saying %q", want)
			}
			if strings.Contains(line, want) {
				return
			}
		case <-deadline:
			t.Fatalf("cls did not say %q within 30 s", want)
		}
	}
}

// token reads the page's token, as the page's forms carry it.
func token(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`name="jeton" value="([0-9a-f]+)"`).FindStringSubmatch(get(t, page))
	if m == nil {
		t.Fatal("no token in the page")
	}
	return string(m[1])
}

// postBuild clicks « Construire la version à signer », without waiting.
func postBuild(page, tok string) {
	req, _ := http.NewRequest("POST", page+"actions/construire", strings.NewReader(url.Values{"jeton": {tok}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", strings.TrimSuffix(page, "/"))
	go func() {
		if resp, err := http.DefaultTransport.RoundTrip(req); err == nil {
			resp.Body.Close()
		}
	}()
}

// Ctrl+C while a build to sign waits for the output's lock (another cls
// build holds it): the window says the action ends first; a second
// request to stop ends cls at once. Before, the first one ended the process
// after five seconds in the middle of the action, without a word.
func TestServeInterruptedTwice(t *testing.T) {
	dir := newTerritory(t)
	out := filepath.Join(dir, "output")
	os.MkdirAll(out, 0o755)
	lock, err := os.OpenFile(filepath.Join(out, ".contrat-local-de-sante.pdf.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Skipf("no flock here: %v", err)
	}
	cmd, page, lines := startServe(t, dir)
	postBuild(page, token(t, page))
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(get(t, page+"etat.html"), "Action en cours") {
		if time.Now().After(deadline) {
			t.Fatal("the build to sign never started")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	waitLine(t, lines, "Arrêt demandé : l'action en cours (construction de la version à signer) se termine d'abord")
	// the second request to stop is a SIGTERM, as closing the window
	// sends: a process started in the background of a shell has Ctrl+C
	// ignored, and keeps it so once cls stops listening
	cmd.Process.Signal(syscall.SIGTERM)
	ended := make(chan error, 1)
	go func() { ended <- cmd.Wait() }()
	select {
	case <-ended:
	case <-time.After(30 * time.Second):
		t.Fatal("a second request to stop did not end cls")
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") || strings.HasSuffix(e.Name(), ".pdf") {
			t.Errorf("left in output/: %s", e.Name())
		}
	}
}

// One Ctrl+C after a build to sign: cls says the page stopped and ends
// with 0, leaving the PDF whole beside its .sha256, no temporary file and
// no lock.
func TestServeInterruptedCleanly(t *testing.T) {
	dir := newTerritory(t)
	cmd, page, lines := startServe(t, dir)
	postBuild(page, token(t, page))
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(get(t, page+"etat.html"), "Contrat écrit") {
		if time.Now().After(deadline) {
			t.Fatal("the build to sign never ended")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	waitLine(t, lines, "Page arrêtée.")
	if err := cmd.Wait(); err != nil {
		t.Errorf("cls serve after Ctrl+C: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "output"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "contrat-local-de-sante.pdf contrat-local-de-sante.pdf.sha256" {
		t.Errorf("output/ after Ctrl+C: %v", names)
	}
}

// get is the body at url.
func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
