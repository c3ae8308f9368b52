//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadFileRefusesWhatWouldHang(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "contrat.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if _, err := ReadFile(fifo, TextLimit); err == nil || !strings.Contains(err.Error(), "tube nommé") {
		t.Errorf("FIFO: %v", err)
	}
	if _, err := ReadFile("/dev/zero", TextLimit); err == nil || !strings.Contains(err.Error(), "périphérique") {
		t.Errorf("/dev/zero: %v", err)
	}
	if _, err := ReadFile(dir, TextLimit); err == nil || !strings.Contains(err.Error(), "dossier") {
		t.Errorf("folder: %v", err)
	}
	big := filepath.Join(dir, "big.md")
	os.WriteFile(big, make([]byte, 2048), 0o644)
	if _, err := ReadFile(big, 1024); err == nil || !strings.Contains(err.Error(), "trop volumineux (2 ko ; au plus 1 ko attendus)") {
		t.Errorf("big: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "absent"), 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	ok := filepath.Join(dir, "ok.md")
	os.WriteFile(ok, []byte("texte"), 0o644)
	if b, err := ReadFile(ok, 10); err != nil || string(b) != "texte" {
		t.Errorf("ok: %q %v", b, err)
	}
}
