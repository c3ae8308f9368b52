package verify

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/verify/verifytest"
)

// contractPDF is a small PDF carrying sources as cls attaches them.
func contractPDF(t *testing.T) []byte {
	t.Helper()
	files, err := embed.Bundle([]embed.File{
		{Name: "cls.yaml", Content: []byte("territoire:\n  nom: Test\n")},
		{Name: "templates/01-preambule.md", Content: []byte("# Préambule\n")},
	}, "Version initiale signée le 10 juillet 2025", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	var as []fpdf.Attachment
	for _, f := range files {
		as = append(as, fpdf.Attachment{Filename: f.Name, Content: f.Content})
	}
	p.SetAttachments(as)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var prefet = verifytest.Signer{Field: "Signature – Préfet du Calvados", Name: "Préfet du Calvados", Date: "D:20250710143000+02'00'", Reason: "Approbation", Location: "Caen"}

// signed signs pdf once per signer, in turn.
func signed(t *testing.T, pdf []byte, signers ...verifytest.Signer) []byte {
	t.Helper()
	var err error
	for _, s := range signers {
		pdf, err = verifytest.Sign(pdf, s)
		if err != nil {
			t.Fatal(err)
		}
	}
	return pdf
}

func TestSignedCopyDerivesFromTheBuild(t *testing.T) {
	build := contractPDF(t)
	maire := verifytest.Signer{Field: "Signature – Maire", Name: "Maire de Lisieux", Date: "D:20250711"}
	cp := signed(t, build, prefet, maire)
	r, err := Check("copie.pdf", cp, []Expected{{Sum: embed.Sum([]byte("autre")), From: "a"}, {Sum: embed.Sum(build), From: "c.pdf.sha256"}})
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Original != 1 || r.OriginalSize != len(build) || r.Matched.From != "c.pdf.sha256" || len(r.Revisions) != 3 {
		t.Fatalf("report: %+v", r)
	}
	if r.FieldsErr != nil || len(r.Signatures) != 2 {
		t.Fatalf("signatures: %+v %v", r.Signatures, r.FieldsErr)
	}
	want := []Signature{
		{Field: prefet.Field, Signed: true, Name: prefet.Name, Date: "10 juillet 2025 à 14 h 30 (UTC+02:00)", Reason: "Approbation", Location: "Caen", Covers: 2},
		{Field: maire.Field, Signed: true, Name: maire.Name, Date: "D:20250711", Covers: 3},
	}
	for i, s := range r.Signatures {
		if s != want[i] {
			t.Errorf("signature %d: %+v\nwant %+v", i+1, s, want[i])
		}
	}
	var out bytes.Buffer
	r.Write(&out, "copie.pdf")
	for _, line := range []string{
		"Construction d'origine : intacte – les " + itoa(len(build)) + " premiers octets (révision 1 sur 3) ont le SHA-256 " + embed.Sum(build) + " (celui de c.pdf.sha256)",
		"« Signature – Préfet du Calvados » : signé par Préfet du Calvados, le 10 juillet 2025 à 14 h 30 (UTC+02:00), motif : Approbation, lieu : Caen",
		"couvre le document jusqu'à la révision 2 ; 1 révision ajoutée après cette signature",
		"« Signature – Maire » : signé par Maire de Lisieux, le D:20250711\n    couvre tout le document",
		"Sources jointes : 2 fichiers, conformes au manifeste",
		"Résultat : la copie contient la construction d'origine intacte, avec ses sources.",
	} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("report lacks %q:\n%s", line, out.String())
		}
	}
}

// One byte changed in the build's part of a signed copy: no prefix
// matches, the verification fails.
func TestTamperedOriginalFails(t *testing.T) {
	build := contractPDF(t)
	cp := signed(t, build, prefet)
	i := bytes.Index(cp, []byte("/MediaBox"))
	cp[i+1] = 'm'
	r, err := Check("copie.pdf", cp, []Expected{{Sum: embed.Sum(build), From: "c.pdf.sha256"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || r.Original != 0 {
		t.Fatalf("tampered copy accepted: %+v", r)
	}
	var out bytes.Buffer
	r.Write(&out, "copie.pdf")
	for _, line := range []string{
		"Construction d'origine : INTROUVABLE – aucun début de la copie n'a le SHA-256 attendu (" + embed.Sum(build) + ", celui de c.pdf.sha256)",
		"Résultat : ÉCHEC de la vérification.",
	} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("report lacks %q:\n%s", line, out.String())
		}
	}
}

// A /ByteRange that leaves out more than the signature, or stops short
// of its revision's end, covers nothing.
func TestByteRangeMustCoverItsRevision(t *testing.T) {
	build := contractPDF(t)
	cp := signed(t, build, prefet)
	r, _ := Check("c.pdf", cp, nil)
	if len(r.Signatures) != 1 || r.Signatures[0].Covers != 2 {
		t.Fatalf("signatures: %+v", r.Signatures)
	}
	i := bytes.Index(cp, []byte("/ByteRange [0 "))
	short := bytes.Clone(cp)
	copy(short[i+len("/ByteRange [0 "):], fmt.Sprintf("%-11d", 1)) // the hole from byte 1
	r, _ = Check("c.pdf", short, nil)
	if len(r.Signatures) != 1 || r.Signatures[0].Covers != 0 {
		t.Errorf("hole from byte 1: %+v", r.Signatures)
	}
	var out bytes.Buffer
	r.Write(&out, "c.pdf")
	if !strings.Contains(out.String(), "sa plage signée (/ByteRange) ne couvre pas le document jusqu'à la fin d'une révision") {
		t.Errorf("report:\n%s", out.String())
	}
}

// A source changed in the build itself (and its SHA-256 given for it)
// is told: the sources do not match their manifest.
func TestChangedSourceFails(t *testing.T) {
	build := contractPDF(t)
	r, err := Check("c.pdf", build, []Expected{{Sum: embed.Sum(build), From: "c.pdf.sha256"}})
	if err != nil || !r.OK() || r.Sources != 2 || r.Version != "Version initiale signée le 10 juillet 2025" {
		t.Fatalf("build: %+v %v", r, err)
	}
	if len(r.Signatures) != 0 || r.FieldsErr != nil {
		t.Errorf("fields of a build: %+v %v", r.Signatures, r.FieldsErr)
	}
}

func TestNotAPDF(t *testing.T) {
	_, err := Check("x.pdf", []byte("bonjour"), nil)
	if err == nil || err.Error() != "x.pdf : ce n'est pas un PDF (il ne commence pas par « %PDF- ») ; attendu la copie du contrat à vérifier" {
		t.Errorf("error: %v", err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "absent.pdf")); err == nil || !strings.Contains(err.Error(), "PDF introuvable") {
		t.Errorf("absent: %v", err)
	}
}

func TestLookup(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	sum := embed.Sum([]byte("x"))
	if got, err := Lookup("c.pdf", strings.ToUpper(sum)); err != nil || len(got) != 1 || got[0] != (Expected{sum, "--empreinte"}) {
		t.Errorf("given sum: %v %v", got, err)
	}
	if _, err := Lookup("c.pdf", "abc"); err == nil || err.Error() != "--empreinte abc : fichier introuvable ; attendu le SHA-256 de la construction (64 chiffres hexadécimaux) ou son fichier .sha256" {
		t.Errorf("bad given: %v", err)
	}
	if got, err := Lookup("c.pdf", ""); err != nil || len(got) != 0 {
		t.Errorf("nothing: %v %v", got, err)
	}
	os.Mkdir("output", 0o755)
	os.WriteFile(filepath.Join("output", "a.pdf.sha256"), []byte(sum+"  a.pdf\n"), 0o644)
	os.WriteFile(filepath.Join("output", "b.pdf.sha256"), []byte("pas une empreinte\n"), 0o644)
	if got, _ := Lookup("c.pdf", ""); len(got) != 1 || got[0].From != filepath.Join("output", "a.pdf.sha256") {
		t.Errorf("output folder: %v", got)
	}
	os.Mkdir(filepath.Join("output", "archive"), 0o755)
	os.WriteFile(filepath.Join("output", "archive", "old.pdf"), []byte("ancien"), 0o644)
	if got, _ := Lookup("c.pdf", ""); len(got) != 2 || got[1] != (Expected{embed.Sum([]byte("ancien")), filepath.Join("output", "archive", "old.pdf")}) {
		t.Errorf("archived build: %v", got)
	}
	os.WriteFile("c.pdf.sha256", []byte(sum+"  c.pdf\n"), 0o644)
	if got, _ := Lookup("c.pdf", ""); len(got) != 1 || got[0].From != "c.pdf.sha256" {
		t.Errorf("beside: %v", got)
	}
	if got, err := Lookup("c.pdf", filepath.Join("output", "b.pdf.sha256")); err == nil {
		t.Errorf("bad .sha256 accepted: %v", got)
	}
}

func TestFrenchDate(t *testing.T) {
	for in, want := range map[string]string{
		"D:20250710143000+02'00'": "10 juillet 2025 à 14 h 30 (UTC+02:00)",
		"D:20261130201032Z":       "30 novembre 2026 à 20 h 10 (UTC)",
		"D:202507101430":          "10 juillet 2025 à 14 h 30",
		"D:20250231120000Z":       "D:20250231120000Z",
		"hier":                    "hier",
	} {
		if got := frenchDate(in); got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}

func itoa(n int) string { return group(n) }

// A damaged or hostile copy never panics: every truncation and a byte
// changed every few dozen bytes give a report or a French error, and a
// change in the build's part always fails.
func TestDamagedCopies(t *testing.T) {
	build := contractPDF(t)
	cp := signed(t, build, prefet)
	want := []Expected{{Sum: embed.Sum(build), From: "c.pdf.sha256"}}
	for n := 0; n < len(cp); n += 97 {
		if r, err := Check("c.pdf", cp[:n], want); err == nil {
			r.Write(&bytes.Buffer{}, "c.pdf")
			if r.OK() != (n >= len(build)) {
				t.Errorf("cut at %d of %d (build %d): OK %v", n, len(cp), len(build), r.OK())
			}
		}
	}
	for i := 0; i < len(cp); i += 31 {
		c := bytes.Clone(cp)
		c[i] ^= 0x55
		r, err := Check("c.pdf", c, want)
		if err != nil {
			if i >= 1024 {
				t.Errorf("byte %d changed: %v", i, err)
			}
			continue
		}
		r.Write(&bytes.Buffer{}, "c.pdf")
		if i < len(build) && r.OK() {
			t.Errorf("byte %d of the build changed: accepted", i)
		}
		if i >= len(build) && !r.OK() {
			t.Errorf("byte %d of the update changed: the build is still intact, but: %+v", i, r)
		}
	}
}

// An avenant or an annex carries no sources: with its SHA-256 found, the
// signed copy verifies; without, it fails.
func TestCopyWithoutSources(t *testing.T) {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	build := b.Bytes()
	cp := signed(t, build, prefet)
	r, err := Check("avenant.pdf", cp, []Expected{{Sum: embed.Sum(build), From: "avenant.pdf.sha256"}})
	if err != nil || !r.OK() || !r.NoSources {
		t.Fatalf("avenant: %+v %v", r, err)
	}
	var out bytes.Buffer
	r.Write(&out, "avenant.pdf")
	if !strings.Contains(out.String(), "Sources jointes : aucune (cls les joint au contrat, pas aux avenants ni aux annexes d'évaluation)") {
		t.Errorf("report:\n%s", out.String())
	}
	if r, _ := Check("avenant.pdf", cp, nil); r.OK() {
		t.Error("no SHA-256 to compare with: accepted")
	}
}
