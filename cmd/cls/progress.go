package main

import (
	"io"
	"os"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// progressWidth bounds the progress line, in characters, so that it never
// wraps on an 80-column console: a wrapped line cannot be rewritten in
// place with a carriage return.
const progressWidth = 72

// stdoutIsTerminal decides whether the progress line is shown; a variable
// so that tests can decide it.
var stdoutIsTerminal = isTerminal

// isTerminal reports whether w is a console a person is watching. Pipes,
// files, the null device and buffers get the plain output, byte for byte
// what they always got.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && f != nil && isConsole(f)
}

// progress is one line at the bottom of a terminal, rewritten in place
// with a carriage return while a long command runs, and kept below the
// lines the command prints. Off, it writes those lines and nothing else.
// Its methods may be called from several goroutines.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	on    bool
	line  string // what the progress line says; empty when there is none
	shown int    // characters of the line now on the screen
}

func newProgress(w io.Writer, on bool) *progress {
	return &progress{w: w, on: on}
}

// set replaces the progress line by s, shortened to progressWidth.
func (p *progress) set(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.on {
		return
	}
	p.line = shorten(textnorm.Escape(s), progressWidth)
	p.draw()
}

// print writes s, which ends with a newline, above the progress line.
func (p *progress) print(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.on {
		io.WriteString(p.w, s)
		return
	}
	p.erase()
	io.WriteString(p.w, s)
	if p.line != "" {
		p.draw()
	}
}

// done takes the progress line away for good, so that what follows starts
// on a clean line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.on {
		p.erase()
		p.line = ""
	}
}

// draw writes the line from the start of the screen line, blanking what is
// left of a longer one before it.
func (p *progress) draw() {
	n := utf8.RuneCountInString(p.line)
	io.WriteString(p.w, "\r"+p.line+strings.Repeat(" ", max(p.shown-n, 0)))
	p.shown = max(p.shown, n)
}

// erase blanks the line on the screen and leaves the cursor at its start.
func (p *progress) erase() {
	if p.shown > 0 {
		io.WriteString(p.w, "\r"+strings.Repeat(" ", p.shown)+"\r")
		p.shown = 0
	}
}

// shorten cuts s to n characters, the last one an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
