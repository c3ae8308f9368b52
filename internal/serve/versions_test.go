package serve

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contrat-local-sante/cls/internal/config"
)

// versionKeys are the keys of the versions s offers.
func versionKeys(s *Server) []string {
	var out []string
	for _, v := range s.versions() {
		out = append(out, v.key)
	}
	return out
}

// A territory folder received from someone else may hold an archive
// folder, or an output folder, that is a link to anywhere: before, the
// PDFs there were offered for a comparison and read (their sources shown
// in the differences). Builds refuse to write there; the page now offers
// nothing from there either.
func TestVersionsStayInTheTerritory(t *testing.T) {
	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "autre-contrat.pdf"), []byte("%PDF-"), 0o644)
	dir := t.TempDir()
	out := filepath.Join(dir, "output")
	os.Mkdir(out, 0o755)
	os.WriteFile(filepath.Join(out, "contrat.pdf"), []byte("%PDF-"), 0o644)
	s := handlerAt(t)
	s.st.cfg = &config.Config{Dir: dir, Sortie: config.Sortie{Dossier: "output", Fichier: "contrat.pdf"}}
	if got := versionKeys(s); len(got) != 1 || got[0] != "sortie" {
		t.Fatalf("versions: %v", got)
	}
	symlink(t, elsewhere, filepath.Join(out, "archive"))
	if got := versionKeys(s); len(got) != 1 {
		t.Errorf("an archive folder linked out of the territory is offered: %v", got)
	}
	os.Remove(filepath.Join(out, "archive"))

	os.RemoveAll(out)
	os.WriteFile(filepath.Join(elsewhere, "contrat.pdf"), []byte("%PDF-"), 0o644)
	symlink(t, elsewhere, out)
	if got := versionKeys(s); len(got) != 0 {
		t.Errorf("an output folder linked out of the territory is offered: %v", got)
	}

	// a link that stays inside is the coordinator's own arrangement
	os.Remove(out)
	real := filepath.Join(dir, "pdf")
	os.Mkdir(filepath.Join(real), 0o755)
	os.WriteFile(filepath.Join(real, "contrat.pdf"), []byte("%PDF-"), 0o644)
	symlink(t, real, out)
	if got := versionKeys(s); len(got) != 1 {
		t.Errorf("an output folder linked inside the territory: %v", got)
	}
}
