package pdfwrite

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/layout"
)

func family(t *testing.T) *fonts.Family {
	t.Helper()
	f, err := fonts.Load("../../fonts", "Carlito", fonts.Files{Regular: "Carlito-Regular.ttf", Bold: "Carlito-Bold.ttf", Italic: "Carlito-Italic.ttf", BoldItalic: "Carlito-BoldItalic.ttf"})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func options(t *testing.T) Options {
	return Options{Geometry: layout.A4(20, 20, 20, 20, 11), Family: family(t), Meta: doc.Meta{Title: "Contrat Local de Santé"}}
}

func page(items ...doc.Item) *layout.Result {
	return &layout.Result{Pages: []layout.Page{{Items: items}}}
}

// TestWriteRefusesUnprintable: text beyond the font is an error naming
// the page, the character and the text around it, never a panic inside
// fpdf (U+1F3E5 indexes past fpdf's 16-bit character map) nor a box.
func TestWriteRefusesUnprintable(t *testing.T) {
	opt := options(t)
	for text, want := range map[string]string{
		"Agglo 🏥":           "écriture du PDF, page 2 : caractère « 🏥 » (U+1F3E5) impossible à imprimer avec la police Carlito : « Agglo 🏥 »",
		"\U00010000":        "caractère « 𐀀 » (U+10000) impossible à imprimer",
		"Centre 中 de santé": "caractère « 中 » (U+4E2D) impossible à imprimer avec la police Carlito : « Centre 中 de santé »",
		"zéro\u200blargeur": "caractère U+200B impossible à imprimer",
	} {
		res := page(doc.Text{X: 20, Y: 20, Text: "Bonjour", Size: 11})
		res.Pages = append(res.Pages, layout.Page{Items: []doc.Item{doc.Text{X: 20, Y: 20, Text: text, Size: 11}}})
		_, err := Write(res, opt)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", text, err, want)
		}
	}
}

// TestWriteRecovers: whatever makes fpdf panic becomes an error. A
// bookmark title cut inside a UTF-8 sequence makes fpdf's UTF-16 encoder
// index past the string's end.
func TestWriteRecovers(t *testing.T) {
	res := page(doc.Text{X: 20, Y: 20, Text: "Bonjour", Size: 11})
	res.Pages = append(res.Pages, res.Pages[0])
	res.TOC = []layout.TOCEntry{{Title: "Titre\xe2", Level: 1, At: layout.Position{Page: 2}}}
	_, err := Write(res, options(t))
	if err == nil || !strings.HasPrefix(err.Error(), "écriture du PDF interrompue : ") || !strings.HasSuffix(err.Error(), "(erreur interne, à signaler)") {
		t.Errorf("got %v", err)
	}
}

// TestMetadataBeyondBMP: an emoji in the author (PDF metadata, shown by
// viewers in their own fonts) is kept, as a UTF-16 surrogate pair.
func TestMetadataBeyondBMP(t *testing.T) {
	opt := options(t)
	opt.Meta.Author = "Agglo 🏥"
	opt.Meta.Subject = "bad \xe2"
	b, err := Write(page(doc.Text{X: 20, Y: 20, Text: "Bonjour", Size: 11}), opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("/Author (\xfe\xff\x00A\x00g\x00g\x00l\x00o\x00 \xd8\x3c\xdf\xe5)")) {
		t.Error("the author's emoji is not a surrogate pair")
	}
	if got, want := utf16BE("é"), "\xfe\xff\x00\xe9"; got != want {
		t.Errorf("utf16BE(é) = %q", got)
	}
}

func TestWriteRefusesBadLogo(t *testing.T) {
	dir := t.TempDir()
	var good bytes.Buffer
	png.Encode(&good, image.NewNRGBA(image.Rect(0, 0, 40, 20)))
	for name, tc := range map[string]struct {
		content []byte
		want    string
	}{
		"text":      {[]byte("pas une image"), "ce fichier n'est pas une image PNG ou JPEG lisible"},
		"truncated": {good.Bytes()[:good.Len()-20], "image illisible (fichier tronqué ou endommagé)"},
		"bomb":      {bomb(good.Bytes(), 100000, 100000), "image de 100000 × 100000 pixels, bien trop grande pour un logo"},
	} {
		path := filepath.Join(dir, name+".png")
		os.WriteFile(path, tc.content, 0o644)
		_, err := Write(page(doc.Image{X: 10, Y: 10, W: 40, H: 20, Path: path}), options(t))
		want := "cls.yaml, document.logo : " + path + " : " + tc.want
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", name, err, want)
		}
	}
	path := filepath.Join(dir, "logo.png")
	os.WriteFile(path, good.Bytes(), 0o644)
	if _, err := Write(page(doc.Image{X: 10, Y: 10, W: 40, H: 20, Path: path}), options(t)); err != nil {
		t.Errorf("good logo: %v", err)
	}
}

// bomb rewrites a PNG's declared width and height, and the header's CRC.
func bomb(b []byte, w, h uint32) []byte {
	b = append([]byte(nil), b...)
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}
