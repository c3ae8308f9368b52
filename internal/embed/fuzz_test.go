package embed

import (
	"bytes"
	"testing"

	"github.com/go-pdf/fpdf"
)

// fpdfPDF is a PDF as cls's writer lays it out (fpdf, compressed
// attachments), carrying files.
func fpdfPDF(t testing.TB, files []File) []byte {
	t.Helper()
	all, err := Bundle(files, "Version initiale signée le 10 juillet 2025", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(true)
	p.AddPage()
	var as []fpdf.Attachment
	for _, f := range all {
		as = append(as, fpdf.Attachment{Filename: f.Name, Content: f.Content})
	}
	p.SetAttachments(as)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadFpdf(t *testing.T) {
	files, err := read("c.pdf", fpdfPDF(t, goodFiles()))
	if err != nil || len(files) != 7 {
		t.Fatalf("%d files, %v", len(files), err)
	}
}

// FuzzRead feeds Read mutated PDFs: it must never panic, and whatever it
// accepts must be what the manifest lists, under names cls writes.
//
//	go test -fuzz=FuzzRead ./internal/embed
func FuzzRead(f *testing.F) {
	good := fpdfPDF(f, goodFiles())
	f.Add(good)
	f.Add(makePDF(bundle(f, goodFiles()...), ""))
	f.Add(good[:len(good)/2])
	f.Add(bytes.Replace(good, []byte("/FlateDecode"), []byte("/LZWDecode"), 1))
	f.Add(bytes.Replace(good, []byte("/Names"), []byte("/Kids"), 1))
	for _, c := range hostile(f) {
		if len(c.pdf) < 64<<10 {
			f.Add(c.pdf)
		}
	}
	f.Fuzz(func(t *testing.T, pdf []byte) {
		files, err := Read(pdf)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		m, ok := ManifestOf(files)
		if !ok {
			t.Fatal("accepted without a manifest")
		}
		for _, f := range files {
			if f.Name == ManifestName {
				continue
			}
			if why := CheckName(f.Name); why != "" {
				t.Fatalf("accepted %q: %s", f.Name, why)
			}
			if m.Files[f.Name] != Sum(f.Content) {
				t.Fatalf("accepted %q with another hash", f.Name)
			}
		}
		if len(files) != len(m.Files)+1 {
			t.Fatalf("%d files for %d listed", len(files), len(m.Files))
		}
	})
}
