package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// With --config OTHER/cls.yaml, from another folder, « cls evaluation
// template 2026 » writes OTHER's workbook, where « cls evaluation » reads
// it, and says where; « cls evaluation 2026 » writes the annex beside
// OTHER's contract. Nothing is written in the current folder.
func TestCommandsFromAnotherFolder(t *testing.T) {
	fonts, err := filepath.Abs(filepath.Join("..", "..", "fonts"))
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "autre")
	cfg := sourcetest.Example().Write(t, other, fonts)
	here := t.TempDir()
	t.Chdir(here)
	rel, err := filepath.Rel(here, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"evaluation", "template", "2026", "--config", rel},
			"Classeur d'évaluation 2026 écrit : " + filepath.Join(other, "sources", "evaluation", "2026.xlsx") + "\n"},
		{[]string{"evaluation", "2026", "--config", rel},
			"Annexe d'évaluation 2026 écrite : " + filepath.Join(other, "output", "cls-val-exemple-evaluation-2026.pdf")},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, &stdout, &stderr); code != 0 {
			t.Fatalf("%q: exit %d: %s", tc.args, code, stderr.String())
		}
		if got := stdout.String(); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%q: got %q, want it to start with %q", tc.args, got, tc.want)
		}
	}
	if entries, _ := os.ReadDir(here); len(entries) != 0 {
		t.Errorf("written in the current folder: %v", entries)
	}
}
