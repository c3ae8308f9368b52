//go:build unix

package source

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// TestInputsThatWouldHang: a workbook or a template that is a FIFO would
// block the reader for ever, one that is /dev/zero would never end; both
// are refused with the file named, and the reading returns.
func TestInputsThatWouldHang(t *testing.T) {
	dir := t.TempDir()
	cfgPath := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	cfg, err := config.Load(cfgPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	sigles := filepath.Join(dir, "sources", SiglesFile)
	os.Remove(sigles)
	if err := syscall.Mkfifo(sigles, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "templates", "99-zero.md")); err != nil {
		t.Fatal(err)
	}
	_, probs := Read(cfg, Dirs{Sources: cfg.Path(cfg.Sources), Templates: cfg.Path(cfg.Modeles)})
	msg := probs.Error()
	for _, want := range []string{
		"sigles.xlsx : classeur refusé : c'est un tube nommé (FIFO), pas un fichier ordinaire",
		// a link out of the templates folder, refused before it is opened
		"99-zero.md : modèle refusé : lien symbolique vers /dev/zero, hors du dossier ",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("want %q in:\n%s", want, msg)
		}
	}
}
