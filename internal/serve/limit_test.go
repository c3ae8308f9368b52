package serve

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// serveHandler serves s on a free loopback port until the test ends.
func serveHandler(t *testing.T, s *Server) string {
	t.Helper()
	addr, _ := serveCounted(t, s)
	return addr
}

// serveCounted serves s like serveHandler and returns the number of the
// connections it holds open, counted on its own listener: the other
// tests' servers, running in the same process, are not counted.
func serveCounted(t *testing.T, s *Server) (string, *atomic.Int64) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := &countingListener{Listener: l}
	s.setAddr("127.0.0.1", ln.Addr().(*net.TCPAddr).Port)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	return s.addr, &ln.open
}

// countingListener counts the connections it accepted that are still
// open.
type countingListener struct {
	net.Listener
	open atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.open.Add(1)
	return &countedConn{Conn: c, open: &l.open}, nil
}

type countedConn struct {
	net.Conn
	once sync.Once
	open *atomic.Int64
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.open.Add(-1) })
	return c.Conn.Close()
}

// Hundreds of connections sending their headers slowly: before, each
// held a goroutine (and a file descriptor) of the server, without bound.
func TestConnectionsAreBounded(t *testing.T) {
	s := handlerAt(t)
	s.maker = &countingMaker{}
	addr := serveHandler(t, s)
	before := runtime.NumGoroutine()
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range maxConns + 100 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: %s\r\n", addr) // and never the end of the headers
		conns = append(conns, c)
	}
	time.Sleep(300 * time.Millisecond) // let the server take what it will
	if grown := runtime.NumGoroutine() - before; grown > maxConns+10 {
		t.Errorf("%d connections held: %d goroutines more, want at most %d", len(conns), grown, maxConns+10)
	}
}

// A client that asks for the PDF and never reads it: before, its
// connection and the PDF it was sent were held for ever.
func TestUnreadAnswersAreCut(t *testing.T) {
	old := writeWait
	writeWait = 100 * time.Millisecond
	t.Cleanup(func() { writeWait = old })
	s := handlerAt(t)
	big := bytes.Repeat([]byte("%PDF-1.7 "), 32<<20/9)
	s.maker = MakeFunc(func(pipeline.Options) (*pipeline.Result, error) {
		return &pipeline.Result{PDF: big, SHA256: strings.Repeat("ef", 32)}, nil
	})
	addr, open := serveCounted(t, s)
	// handlerAt's small PDF is already there, and its attempt ok: wait for
	// the big one, else the client may get the small one whole, and its
	// connection then rightly waits for a next request
	waitFor(t, "the big PDF built", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.st.good != nil && len(s.st.good.pdf) == len(big)
	})
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4096)
	fmt.Fprintf(c, "GET /contrat.pdf HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	if _, err := c.Read(make([]byte, 1)); err != nil { // the answer has begun
		t.Fatal(err)
	}
	// the client reads no more: its connection must not stay held
	deadline := time.Now().Add(10 * time.Second)
	for held := open.Load(); held > 0; held = open.Load() {
		if time.Now().After(deadline) {
			t.Fatalf("an answer unread for 10 s still holds %d connection(s) of the server", held)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
