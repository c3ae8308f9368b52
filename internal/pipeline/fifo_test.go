//go:build unix

package pipeline

import (
	"path/filepath"
	"syscall"
	"testing"
)

// A FIFO as the output used to hang the build (the archiving opened it
// for reading and waited for a writer for ever).
func TestOutputFIFORefused(t *testing.T) {
	cfg := example(t)
	fifo := filepath.Join(t.TempDir(), "tube.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	_, err := Build(Options{Config: cfg, Out: fifo})
	want := "--out " + fifo + " : ce n'est pas un fichier ordinaire (tube nommé, FIFO) ; attendu le chemin d'un fichier PDF, par exemple output/contrat.pdf"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	_, err = EvaluationTemplate(Options{Config: cfg}, 2026, fifo)
	want = "--out " + fifo + " : ce n'est pas un fichier ordinaire (tube nommé, FIFO) ; attendu le chemin d'un nouveau classeur .xlsx, par exemple sources/evaluation/2026.xlsx"
	if err == nil || err.Error() != want {
		t.Errorf("template: got  %v\nwant %s", err, want)
	}
}
