package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/contrat-local-sante/cls/internal/starter"
)

// lockedBuffer is a buffer the server and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serving runs cls with args until the page answers, then stops it, and
// returns what it printed, the browser it opened ("" for none) and its
// exit code.
func serving(t *testing.T, args []string) (stdout, stderr, opened string, code int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	oldCtx, oldOpen := serveContext, openBrowser
	t.Cleanup(func() { serveContext, openBrowser = oldCtx, oldOpen })
	serveContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	var mu sync.Mutex
	openBrowser = func(url string) { mu.Lock(); opened = url; mu.Unlock() }

	var out, errw lockedBuffer
	done := make(chan int, 1)
	go func() { done <- run(args, &out, &errw) }()
	addr := regexp.MustCompile(`Page du contrat : (http://\S+/)`)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			resp, err := http.Get(m[1])
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("the page: %d", resp.StatusCode)
			}
			break
		}
		select {
		case c := <-done:
			t.Fatalf("cls ended (%d) before serving: %s%s", c, out.String(), errw.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no address after 30 s: %s%s", out.String(), errw.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	code = <-done
	mu.Lock()
	defer mu.Unlock()
	return out.String(), errw.String(), opened, code
}

func newTerritory(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "territoire")
	if _, err := starter.Write(dir, starter.DefaultName); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestServeCommand(t *testing.T) {
	dir := newTerritory(t)
	out, errw, opened, code := serving(t, []string{"serve", "--config", filepath.Join(dir, "cls.yaml"), "--adresse", "127.0.0.1:0", "--sans-navigateur"})
	if code != 0 || opened != "" || errw != "" {
		t.Errorf("exit %d, browser %q, stderr %q", code, opened, errw)
	}
	if !strings.Contains(out, "Page du contrat : http://127.0.0.1:") {
		t.Errorf("stdout: %q", out)
	}
}

// A double-click on cls in a territory folder: its page, in the browser.
func TestNoArgumentsInATerritoryServesIt(t *testing.T) {
	dir := newTerritory(t)
	t.Chdir(dir)
	out, _, opened, code := serving(t, nil)
	if code != 0 || opened == "" || !strings.Contains(out, opened) {
		t.Errorf("exit %d, opened %q, stdout %q", code, opened, out)
	}
}

// On Windows a double-click may start cls in another folder: the
// cls.yaml beside the program is served.
func TestNoArgumentsBesideTheProgramServesIt(t *testing.T) {
	dir := newTerritory(t)
	t.Chdir(t.TempDir())
	old := executable
	t.Cleanup(func() { executable = old })
	executable = func() (string, error) { return filepath.Join(dir, "cls.exe"), nil }
	if cfg, ok := territoryHere(); !ok || cfg != filepath.Join(dir, "cls.yaml") {
		t.Fatalf("territoryHere = %q, %v", cfg, ok)
	}
	_, _, opened, code := serving(t, nil)
	if code != 0 || opened == "" {
		t.Errorf("exit %d, opened %q", code, opened)
	}
}

// A double-click on cls in a folder without cls.yaml: the welcome page,
// in the browser, which creates a territory in that folder; the help
// stays « cls --help ».
func TestNoArgumentsElsewhereServesTheWelcomePage(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	old := executable
	t.Cleanup(func() { executable = old })
	executable = func() (string, error) { return filepath.Join(os.TempDir(), "nowhere", "cls"), nil }
	// not at a console (a script, a pipe): the help, and cls ends
	var plain, plainErr bytes.Buffer
	if code := run(nil, &plain, &plainErr); code != 0 || !strings.Contains(plain.String(), "serve") || !strings.Contains(plain.String(), "build") {
		t.Errorf("without a console: exit %d, stdout %q, stderr %q; want the help", code, plain.String(), plainErr.String())
	}
	// at a console (a double-click opens one): the welcome page
	oldTerm := stdoutIsTerminal
	t.Cleanup(func() { stdoutIsTerminal = oldTerm })
	stdoutIsTerminal = func(io.Writer) bool { return true }
	out, errw, opened, code := serving(t, nil)
	if code != 0 || opened == "" || errw != "" || !strings.Contains(out, "Aucun fichier cls.yaml ici") || !strings.Contains(out, "cls --help") {
		t.Errorf("exit %d, opened %q, stdout %q, stderr %q", code, opened, out, errw)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("the welcome page wrote %d entries before any form", len(es))
	}
	var help, errb bytes.Buffer
	if code := run([]string{"--help"}, &help, &errb); code != 0 || !strings.Contains(help.String(), "serve") || !strings.Contains(help.String(), "build") || strings.Contains(help.String(), "accueil") {
		t.Errorf("exit %d, help %q, stderr %q", code, help.String(), errb.String())
	}
}

// On macOS a double-clicked program runs in the home folder: the welcome
// page then works beside the program, if the program is under home.
func TestWelcomeDirOfADoubleClickOnMacOS(t *testing.T) {
	home := t.TempDir()
	prog := filepath.Join(home, "Documents", "CLS")
	os.MkdirAll(prog, 0o755)
	t.Chdir(home)
	oldExe, oldHome := executable, userHome
	t.Cleanup(func() { executable, userHome = oldExe, oldHome })
	userHome = func() (string, error) { return home, nil }
	executable = func() (string, error) { return filepath.Join(prog, "cls"), nil }
	if got := welcomeDir(); !sameDir(got, prog) {
		t.Errorf("welcomeDir = %q, want %q", got, prog)
	}
	executable = func() (string, error) { return "/usr/local/bin/cls", nil }
	if got := welcomeDir(); !sameDir(got, home) {
		t.Errorf("a program installed for everyone: welcomeDir = %q, want %q", got, home)
	}
	other := t.TempDir()
	t.Chdir(other)
	executable = func() (string, error) { return filepath.Join(prog, "cls"), nil }
	if got := welcomeDir(); !sameDir(got, other) {
		t.Errorf("from a terminal elsewhere: welcomeDir = %q, want %q", got, other)
	}
}

func TestServeWithoutTerritoryIsRefused(t *testing.T) {
	t.Chdir(t.TempDir())
	var out, errw bytes.Buffer
	code := run([]string{"serve", "--sans-navigateur", "--adresse", "127.0.0.1:0"}, &out, &errw)
	if code != 1 || !strings.Contains(errw.String(), "cls.yaml : introuvable") || out.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errw.String())
	}
}
