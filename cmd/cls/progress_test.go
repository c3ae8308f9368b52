package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProgressOffWritesOnlyTheLines(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, false)
	p.set("[1/2] a…")
	p.print("OK    a\n")
	p.set("[2/2] b…")
	p.print("OK    b\n")
	p.done()
	if got := b.String(); got != "OK    a\nOK    b\n" {
		t.Errorf("got %q", got)
	}
}

func TestProgressOnRewritesOneLine(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, true)
	p.set("[1/2] longue-vallée…")
	p.set("[2/2] b…")
	p.print("OK    a\n")
	p.done()
	want := "\r[1/2] longue-vallée…" +
		"\r[2/2] b…" + strings.Repeat(" ", 12) + // the longer line's end blanked
		"\r" + strings.Repeat(" ", 20) + "\r" + "OK    a\n" + // erased, the line printed
		"\r[2/2] b…" + // drawn again below it
		"\r" + strings.Repeat(" ", 8) + "\r" // gone before the summary
	if got := b.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestProgressLineFitsAConsole(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, true)
	p.set("[7/9] " + strings.Repeat("é", 200) + "\x1b[2J…")
	got := strings.TrimPrefix(b.String(), "\r")
	if n := len([]rune(got)); n != progressWidth || !strings.HasSuffix(got, "…") {
		t.Errorf("%d characters, want %d ending in an ellipsis: %q", n, progressWidth, got)
	}
	p = newProgress(&b, true)
	b.Reset()
	p.set("[1/1] rouge\x1b[31m…")
	if strings.Contains(b.String(), "\x1b") {
		t.Errorf("escape character reached the terminal: %q", b.String())
	}
}

func TestIsTerminal(t *testing.T) {
	if isTerminal(&bytes.Buffer{}) || isTerminal(io.Discard) {
		t.Error("a buffer is not a terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "sortie.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("a file is not a terminal")
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	if isTerminal(null) {
		t.Errorf("%s is not a terminal", os.DevNull)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if isTerminal(w) {
		t.Error("a pipe is not a terminal")
	}
}

// screen is what a terminal shows once s is written: a carriage return
// goes back to the start of the line, what follows writes over it;
// trailing blanks are not seen.
func screen(s string) string {
	var out strings.Builder
	var line []rune
	col := 0
	for _, r := range s {
		switch r {
		case '\r':
			col = 0
		case '\n':
			out.WriteString(strings.TrimRight(string(line), " ") + "\n")
			line, col = nil, 0
		default:
			if col < len(line) {
				line[col] = r
			} else {
				line = append(line, r)
			}
			col++
		}
	}
	return out.String() + strings.TrimRight(string(line), " ")
}

func TestBuildAllShowsProgressOnlyOnATerminal(t *testing.T) {
	dir := territories(t, "a-val", "z-val")
	os.MkdirAll(filepath.Join(dir, "m-sans-config"), 0o755)
	_, plain, _ := runAll(t, "build", "--all", dir)
	if strings.Contains(plain, "\r") {
		t.Errorf("progress written when not on a terminal:\n%q", plain)
	}

	stdoutIsTerminal = func(io.Writer) bool { return true }
	defer func() { stdoutIsTerminal = isTerminal }()
	code, out, _ := runAll(t, "build", "--all", dir)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, w := range []string{"\r[1/3] a-val…", "\r[3/3] z-val…"} {
		if !strings.Contains(out, w) {
			t.Errorf("no progress line %q in %q", w, out)
		}
	}
	if strings.Contains(out, "m-sans-config…") {
		t.Errorf("a skipped folder shown as being built: %q", out)
	}
	// the summary starts on a clean line, after the progress line is gone
	if i := strings.LastIndex(out, "\r"); !strings.HasPrefix(out[i+1:], "2 territoire(s) : 2 réussi(s), 0 en échec ; 1 dossier(s) ignoré(s).\n") {
		t.Errorf("summary not alone on its line after the last carriage return: %q", out[i+1:])
	}
	// once done, the screen holds the very lines a pipe gets
	if got := screen(out); got != plain {
		t.Errorf("terminal shows:\n%s\nwant:\n%s", got, plain)
	}
}
