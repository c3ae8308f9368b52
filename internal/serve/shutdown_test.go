package serve

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// Ctrl+C while a build to sign runs: before, Serve returned once the
// shutdown's wait was over and the process ended in the middle of the
// build, leaving its temporary file and its lock behind. Now the action
// ends first, and the window says so.
func TestStopWaitsForTheActionUnderWay(t *testing.T) {
	old := shutdownWait
	shutdownWait = 10 * time.Millisecond
	t.Cleanup(func() { shutdownWait = old })

	var out syncBuffer
	s, err := New(Config{Options: pipeline.Options{Config: territory(t)}, Maker: &countingMaker{}, Stdout: &out})
	if err != nil {
		t.Fatal(err)
	}
	started, release, finished := make(chan bool), make(chan bool), make(chan bool, 1)
	s.actions["construire"] = func(*http.Request) *result {
		started <- true
		<-release
		finished <- true
		return &result{title: "Version à signer", ok: true}
	}
	ln, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()

	go func() {
		form := url.Values{tokenField: {s.token}}
		req, _ := http.NewRequest("POST", s.URL()+"actions/construire", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", strings.TrimSuffix(s.URL(), "/"))
		if resp, err := http.DefaultTransport.RoundTrip(req); err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	cancel() // Ctrl+C
	select {
	case <-done:
		t.Fatalf("Serve returned while the build to sign was still running")
	case <-time.After(300 * time.Millisecond):
	}
	if !strings.Contains(out.String(), "Arrêt demandé : l'action en cours (construction de la version à signer) se termine d'abord") {
		t.Errorf("the window does not say why it waits:\n%s", out.String())
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	select {
	case <-finished:
	default:
		t.Errorf("Serve returned before the action ended")
	}
	if !strings.HasSuffix(out.String(), "Page arrêtée.\n") {
		t.Errorf("the window does not say the page stopped:\n%s", out.String())
	}
}
