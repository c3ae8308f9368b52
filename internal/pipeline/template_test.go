package pipeline

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// fullDisk is a writer that fails as a full disk does after n bytes.
type fullDisk struct {
	w io.Writer
	n int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) > d.n {
		k, _ := d.w.Write(p[:d.n])
		d.n = 0
		return k, &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
	}
	d.n -= len(p)
	return d.w.Write(p)
}

// On a full disk the blank workbook is not written, nothing is left
// behind, and the retry works (it used to leave a truncated workbook that
// the retry refused: « existe déjà »).
func TestEvaluationTemplateOnAFullDisk(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("ENOSPC is a Unix error")
	}
	cfg := example(t)
	dir := filepath.Join(filepath.Dir(cfg), "sources", "evaluation")
	out := filepath.Join(dir, "2026.xlsx")
	testWriter = func(w io.Writer) io.Writer { return &fullDisk{w: w, n: 1000} }
	_, err := EvaluationTemplate(Options{Config: cfg}, 2026, out)
	testWriter = nil
	want := out + " : écriture impossible, le disque est plein ; rien n'a été remplacé ; attendu de la place libre sur le disque"
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
	if _, err := EvaluationTemplate(Options{Config: cfg}, 2026, out); err != nil {
		t.Fatalf("retry: %v", err)
	}
	// never over an existing file, even a hand-made one
	_, err = EvaluationTemplate(Options{Config: cfg}, 2026, out)
	if err == nil || err.Error() != out+" existe déjà : il n'est pas écrasé (il contient peut-être des valeurs saisies) ; choisir un autre nom ou le supprimer" {
		t.Errorf("second write: %v", err)
	}
}

// A workbook written over a folder or a FIFO is refused; a crash leaves a
// temporary file that the next run removes, and no workbook.
func TestEvaluationTemplateCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a process")
	}
	cfg := example(t)
	dir := filepath.Join(filepath.Dir(cfg), "sources", "evaluation")
	out := filepath.Join(dir, "2027.xlsx")
	cmd := helperCmd(t, "CLS_TEST_CONFIG="+cfg, "CLS_TEST_OUT="+out, "CLS_TEST_YEAR=2027", "CLS_TEST_CRASH=staged")
	if b, err := cmd.CombinedOutput(); cmd.ProcessState.ExitCode() != 3 {
		t.Fatalf("did not stop: %v %s", err, b)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a workbook is in place after the crash")
	}
	if _, err := EvaluationTemplate(Options{Config: cfg}, 2027, out); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "2027.xlsx" {
		t.Errorf("folder holds %v, want only 2027.xlsx", entries)
	}
	_, err := EvaluationTemplate(Options{Config: cfg}, 2028, dir)
	if err == nil || err.Error() != "--out "+dir+" : ce n'est pas un fichier ordinaire (dossier) ; attendu le chemin d'un nouveau classeur .xlsx, par exemple sources/evaluation/2026.xlsx" {
		t.Errorf("over a folder: %v", err)
	}
}
