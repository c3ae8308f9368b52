package main

import (
	"fmt"
	"github.com/contrat-local-sante/cls/internal/golden"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// hostile is the end-to-end corpus of hostile input: each case is a
// command line run on a fresh folder, and testdata/bad-input.golden holds
// exactly what it printed and its exit code. A case is one line: a name
// and how to make its command line, with
//
//	line("build", "--set", "cle")      a command line ($DIR is the folder)
//	check(func(tr, dir) { … })         cls check on the example territory, changed
//	buildOne(func(tr, dir) { … })      cls build on the example territory, changed
//	allOf("a-val", "panique")            cls build --all on example territories
//	                                   (a name ending in « sans-config » has no cls.yaml)
//
// A time-out of 1 s applies when a folder is « bloque », which should then
// be the only one. The folders' names can ask for a fault (see faults_test.go): « panique »,
// « plante » (only under allOf: it ends the process) and « bloque ».
//
// `go test ./cmd/cls -run TestHostileInput -update` rewrites the golden
// file after a deliberate change of wording.
var hostile = []struct {
	name  string
	setup setup
}{
	// class 8: build --all
	{"--all: a panicking territory", allOf("panique", "z-val")},
	{"--all: a crashing territory (panic out of reach of any recover)", allOf("plante")},
	{"--all: a hanging territory", allOf("bloque")},
	{"--all: a territory with an error", allOf("b-val").with(func(tr *sourcetest.Territory, dir string) { tr.Fiches[1].Rows[1][6] = "peut-être" })},
	{"--all: folder without cls.yaml, control characters in a name", allOf("b-sans-config", "val\x1b[31mrouge")},
	{"--all: no territory", line("build", "--all", "$DIR")},
	{"--all: missing folder", line("build", "--all", "$DIR/absent")},
	{"--all with --out", line("build", "--all", "$DIR", "--out", "x.pdf")},
	{"--all: time-out of 0", line("build", "--all", "$DIR", "--delai", "0")},
	// a panic in a single command
	{"panic in build", buildOne(nil).in("panique")},
	// class 9: the command line
	{"unknown command", line("biuld")},
	{"unknown help topic", line("help", "nope")},
	{"completion is not a command", line("completion", "bash")},
	{"unexpected argument", line("build", "lisieux")},
	{"missing argument", line("diff", "a.pdf")},
	{"too many arguments", line("extract", "a.pdf", "b", "c")},
	{"unknown option", line("check", "--sortie", "x")},
	{"option without its value", line("build", "--out")},
	{"option with a bad value", line("build", "--all", "$DIR", "--delai", "deux")},
	{"bad boolean", line("evaluation", "2025", "--append=peut-être")},
	{"--set without =", line("check", "--set", "signature.lieu")},
	{"--set with an empty key", line("check", "--set", "=Lisieux")},
	{"--set with an unknown key", line("check", "--set", "signature.ville=Lisieux")},
	{"avenant number that is not a number", line("avenant", "premier", "--out", "$DIR/a.pdf")},
	// check and build of a changed example territory
	{"check: unknown status", check(func(tr *sourcetest.Territory, dir string) { tr.Fiches[1].Rows[1][6] = "peut-être" })},
}

// setup prepares a case in dir and returns its command line.
type setup struct {
	make   func(t *testing.T, dir string, change func(*sourcetest.Territory, string)) []string
	folder string
	change func(*sourcetest.Territory, string)
}

func line(args ...string) setup {
	return setup{make: func(t *testing.T, dir string, _ func(*sourcetest.Territory, string)) []string {
		out := make([]string, len(args))
		for i, a := range args {
			out[i] = strings.ReplaceAll(a, "$DIR", dir)
		}
		return out
	}}
}

// territory writes the example territory, changed, into dir.
func territory(t *testing.T, dir string, change func(*sourcetest.Territory, string)) string {
	tr := sourcetest.Example()
	if change != nil {
		change(tr, dir)
	}
	return tr.Write(t, dir, filepath.Join("..", "..", "fonts"))
}

func check(change func(*sourcetest.Territory, string)) setup {
	return setup{change: change, make: func(t *testing.T, dir string, change func(*sourcetest.Territory, string)) []string {
		return []string{"check", "--config", territory(t, dir, change)}
	}}
}

func buildOne(change func(*sourcetest.Territory, string)) setup {
	return setup{change: change, make: func(t *testing.T, dir string, change func(*sourcetest.Territory, string)) []string {
		return []string{"build", "--config", territory(t, dir, change)}
	}}
}

func allOf(names ...string) setup {
	return setup{make: func(t *testing.T, dir string, change func(*sourcetest.Territory, string)) []string {
		for _, n := range names {
			cfg := territory(t, filepath.Join(dir, n), change)
			if strings.HasSuffix(n, "sans-config") {
				os.Remove(cfg)
			}
		}
		args := []string{"build", "--all", dir}
		if slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "bloque") }) {
			// only hanging territories, that no slow machine can make fail
			// for another reason
			args = append(args, "--delai", "1")
		}
		return args
	}}
}

// with changes the example territory before it is written (in each
// folder, for allOf: the folder is the function's second argument).
func (s setup) with(change func(*sourcetest.Territory, string)) setup {
	s.change = change
	return s
}

// in puts the territory in a subfolder of that name, for the faults.
func (s setup) in(folder string) setup {
	s.folder = folder
	return s
}

func TestHostileInput(t *testing.T) {
	testHook = faults
	defer func() { testHook = nil }()
	var corpus strings.Builder
	for _, tc := range hostile {
		dir := t.TempDir()
		base := filepath.Join(dir, tc.setup.folder)
		args := tc.setup.make(t, base, tc.setup.change)
		code, out, errOut := runAll(t, args...)
		for _, en := range cobraEnglish {
			if strings.Contains(out+errOut, en) {
				t.Errorf("%s: English %q in\n%s%s", tc.name, en, out, errOut)
			}
		}
		if strings.Contains(out+errOut, "goroutine ") {
			t.Errorf("%s: a Go stack trace reached the coordinator:\n%s%s", tc.name, out, errOut)
		}
		fmt.Fprintf(&corpus, "== %s\n$ cls %s\ncode de sortie %d\n", tc.name, strings.Join(quoteArgs(args), " "), code)
		if out != "" {
			corpus.WriteString("-- sortie\n" + out)
		}
		if errOut != "" {
			corpus.WriteString("-- erreurs\n" + errOut)
		}
		corpus.WriteString("\n")
	}
	got := stable(corpus.String())
	golden.Check(t, filepath.Join("testdata", "bad-input.golden"), got)
}

// quoteArgs shows arguments with spaces or control characters as Go
// strings.
func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "" || strings.ContainsFunc(a, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			out[i] = fmt.Sprintf("%q", a)
		}
	}
	return out
}

var (
	fontsDir, _ = filepath.Abs(filepath.Join("..", "..", "fonts"))
	tempDir     = regexp.MustCompile(regexp.QuoteMeta(os.TempDir()) + `/[^/\s»]+/\d+`)
	hashes      = regexp.MustCompile(`\b[0-9a-f]{16}(?:[0-9a-f]{48})?\b`)
	sizes       = regexp.MustCompile(`\b\d+ octets\b`)
)

// stable replaces what changes from run to run or with unrelated changes
// to the layout — temporary folders, hashes, sizes — with placeholders.
func stable(s string) string {
	s = strings.ReplaceAll(s, fontsDir, "$FONTS")
	s = tempDir.ReplaceAllString(s, "$$DIR")
	s = hashes.ReplaceAllString(s, "<sha256>")
	return sizes.ReplaceAllString(s, "<n> octets")
}
