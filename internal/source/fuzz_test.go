package source

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/config"
)

// FuzzReadWorkbooks reads random bytes as the sigles, fiches and
// statistics workbooks: problems are reported, never a panic or a hang.
// The seeds are real workbooks and broken copies of them.
func FuzzReadWorkbooks(f *testing.F) {
	for _, name := range []string{"sigles.xlsx", "fiches.xlsx", "diagnostic.xlsx"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "sources", name)); err == nil {
			f.Add(b)
			f.Add(b[:len(b)/2])
		}
	}
	small := excelize.NewFile()
	small.SetCellStr("Sheet1", "A1", "Sigle")
	var buf bytes.Buffer
	small.Write(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	cfg, err := config.Load(filepath.Join("..", "..", "cls.yaml"), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		for _, name := range []string{SiglesFile, FichesFile, DiagnosticFile, ContratFile} {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		Read(cfg, Dirs{Sources: dir, Templates: dir})
	})
}
