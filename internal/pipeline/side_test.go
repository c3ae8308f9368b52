package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/diff"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// TestReadVersionReadsOnlyThePDF: a PDF whose embedded cls.yaml names
// other folders (sources:, modeles:) is read from its own attachments;
// the folders it names are never read, even when they exist.
func TestReadVersionReadsOnlyThePDF(t *testing.T) {
	fontsDir := filepath.Join("..", "..", "fonts")
	base := t.TempDir()
	signed := sourcetest.Example()
	dir0 := filepath.Join(base, "signe")
	signed.Write(t, dir0, fontsDir)

	// another folder, with other sigles, that the PDF points at
	other := sourcetest.Example()
	other.Sigles[0].Rows = append(other.Sigles[0].Rows, []string{"PMI", "Protection maternelle et infantile"})
	elsewhere := filepath.Join(base, "ailleurs")
	other.Write(t, elsewhere, fontsDir)
	hostile := sourcetest.Example()
	hostile.Config += "\nsources: " + filepath.Join(elsewhere, "sources") + "\nmodeles: " + filepath.Join(elsewhere, "templates") + "\n"
	cfg := hostile.Write(t, filepath.Join(base, "pdf"), fontsDir)
	res, err := Make(Options{Config: cfg, Sources: filepath.Join(dir0, "sources"), Templates: filepath.Join(dir0, "templates")})
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(base, "signe.pdf")
	if err := os.WriteFile(pdf, res.PDF, 0o644); err != nil {
		t.Fatal(err)
	}

	fromPDF, err := ReadVersion(pdf)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ReadVersion(dir0)
	if err != nil {
		t.Fatal(err)
	}
	if changes := diff.Compare(want, fromPDF); len(changes) > 0 {
		t.Errorf("the PDF was read from elsewhere: %v", changes)
	}
}

// TestReadVersionNamesThePDF: a problem in an embedded workbook names the
// PDF and the attachment, never the temporary folder it was read from.
func TestReadVersionNamesThePDF(t *testing.T) {
	_, err := ReadVersion(filepath.Join(t.TempDir(), "absent.pdf"))
	if err == nil || !strings.HasSuffix(err.Error(), "absent.pdf : PDF introuvable ou illisible ; attendu un contrat PDF produit par cls") {
		t.Errorf("got %v", err)
	}
	if got := inPDF("/tmp/cls-version-1/sources/contrat.xlsx", "/tmp/cls-version-1", "ancien.pdf"); got != "ancien.pdf, fichier joint sources/contrat.xlsx" {
		t.Errorf("inPDF: %s", got)
	}
}
