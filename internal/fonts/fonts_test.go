package fonts

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// shipped are the contract's fonts, as cls.yaml names them.
var shipped = Files{Regular: "Carlito-Regular.ttf", Bold: "Carlito-Bold.ttf", Italic: "Carlito-Italic.ttf", BoldItalic: "Carlito-BoldItalic.ttf"}

const fontsDir = "../../fonts"

func loadShipped(t testing.TB) *Family {
	t.Helper()
	f, err := Load(fontsDir, "Carlito", shipped)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCovers(t *testing.T) {
	f := loadShipped(t)
	for _, r := range "aZ09 éÉàçœŒ«»’…–—•€°²\u00a0\u202f\t\n" {
		if !f.Covers(r) {
			t.Errorf("%U should be printable with Carlito", r)
		}
	}
	for _, r := range "🏥中ع\u200b\u00ad\x00\x07\x1b\r\U00010000" {
		if f.Covers(r) {
			t.Errorf("%U should not be printable with Carlito", r)
		}
	}
	if r, at, ok := f.Uncovered("Agglo 🏥 du Pays"); !ok || r != '🏥' || at != 6 {
		t.Errorf("Uncovered: %U at %d, %v", r, at, ok)
	}
	if _, _, ok := f.Uncovered("Contrat Local de Santé – 2025"); ok {
		t.Error("Uncovered found a character in plain French")
	}
}

// TestCoversConcurrent runs Covers and Width from many goroutines; run
// with -race.
func TestCoversConcurrent(t *testing.T) {
	f := loadShipped(t)
	m := NewMeasurer(f)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for r := rune(0); r < 0x3000; r++ {
				f.Covers(r)
			}
			m.Width("Santé", doc.Bold, 10)
		})
	}
	wg.Wait()
}

// TestMeasurerBeyondBMP: fpdf's width table panics on U+10000; the
// measurer must not.
func TestMeasurerBeyondBMP(t *testing.T) {
	m := NewMeasurer(loadShipped(t))
	for _, s := range []string{"\U00010000", "Agglo 🏥", "\U0010FFFF"} {
		if w := m.Width(s, 0, 10); w <= 0 {
			t.Errorf("Width(%q) = %v", s, w)
		}
	}
}

func TestLoadRefusesBadFonts(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(fontsDir, shipped.Bold))
	if err != nil {
		t.Fatal(err)
	}
	otf := append([]byte("OTTO"), good[4:]...)
	for name, tc := range map[string]struct {
		content []byte
		want    string
	}{
		"first 1000 bytes":  {good[:1000], "police illisible (fichier tronqué ou endommagé) (polices.gras dans cls.yaml) ; attendu un fichier TrueType (.ttf) complet"},
		"cut at half":       {good[:len(good)/2], "police illisible (fichier tronqué ou endommagé) (polices.gras dans cls.yaml) ; attendu un fichier TrueType (.ttf) complet"},
		"cut in the header": {good[:20], "police illisible (fichier tronqué ou endommagé) (polices.gras dans cls.yaml) ; attendu un fichier TrueType (.ttf) complet"},
		"text file":         {[]byte("Ceci n'est pas une police.\n"), "ce fichier n'est pas une police TrueType (polices.gras dans cls.yaml) ; attendu un fichier .ttf"},
		"magic then noise":  {append([]byte{0, 1, 0, 0}, []byte(strings.Repeat("\x07\xff\x13", 3000))...), "police illisible (fichier tronqué ou endommagé) (polices.gras dans cls.yaml) ; attendu un fichier TrueType (.ttf) complet"},
		"magic only":        {[]byte{0, 1, 0, 0}, "police illisible (fichier tronqué ou endommagé)"},
		"empty":             {nil, "fichier vide (polices.gras dans cls.yaml) ; attendu un fichier TrueType (.ttf)"},
		"OpenType CFF":      {otf, "police OpenType à contours PostScript (CFF), que le PDF ne peut pas incorporer (polices.gras dans cls.yaml) ; attendu un fichier TrueType (.ttf)"},
		"collection":        {append([]byte("ttcf"), good[4:]...), "collection de polices (.ttc)"},
		"no glyf table":     {renameTable(good, "glyf", "gluf"), "police incomplète : table « glyf » absente (polices.gras dans cls.yaml) ; attendu un fichier TrueType (.ttf) complet"},
		"no Unicode cmap":   {noUnicodeCMap(good), "police sans table de caractères Unicode lisible (polices.gras dans cls.yaml)"},
		"composite loop":    {selfComposite(t, good), "police illisible (fichier tronqué ou endommagé)"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for _, file := range []string{shipped.Regular, shipped.Italic, shipped.BoldItalic} {
				b, _ := os.ReadFile(filepath.Join(fontsDir, file))
				os.WriteFile(filepath.Join(dir, file), b, 0o644)
			}
			os.WriteFile(filepath.Join(dir, shipped.Bold), tc.content, 0o644)
			_, err := Load(dir, "Carlito", shipped)
			want := filepath.Join(dir, shipped.Bold) + " : " + tc.want
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("got %v\nwant %s", err, want)
			}
		})
	}
}

func TestLoadRefusesFolderAndNoName(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, shipped.Regular), 0o755)
	if _, err := Load(dir, "Carlito", shipped); err == nil || !strings.Contains(err.Error(), "Carlito-Regular.ttf : c'est un dossier, pas un fichier (polices.regulier dans cls.yaml)") {
		t.Errorf("folder: %v", err)
	}
	if _, err := Load(fontsDir, "", shipped); err == nil || !strings.Contains(err.Error(), "polices.famille") {
		t.Errorf("no family name: %v", err)
	}
}

// table returns the offset of a table's directory record.
func table(b []byte, tag string) int {
	n := int(b[4])<<8 | int(b[5])
	for i := range n {
		if string(b[12+16*i:16+16*i]) == tag {
			return 12 + 16*i
		}
	}
	return -1
}

func renameTable(b []byte, from, to string) []byte {
	b = append([]byte(nil), b...)
	copy(b[table(b, from):], to)
	return b
}

// noUnicodeCMap marks every cmap subtable as Macintosh Roman.
func noUnicodeCMap(b []byte) []byte {
	b = append([]byte(nil), b...)
	rec := table(b, "cmap")
	off := int(b[rec+8])<<24 | int(b[rec+9])<<16 | int(b[rec+10])<<8 | int(b[rec+11])
	n := int(b[off+2])<<8 | int(b[off+3])
	for i := range n {
		r := off + 4 + 8*i
		b[r], b[r+1], b[r+2], b[r+3] = 0, 1, 0, 0
	}
	return b
}

// selfComposite makes the first composite glyph its own first component:
// fpdf would recurse for ever on it.
func selfComposite(t *testing.T, b []byte) []byte {
	b = append([]byte(nil), b...)
	tt, flt := parseTTF(b)
	if flt != nil {
		t.Fatal(flt)
	}
	glyf := tt.tables["glyf"]
	base := cap(b) - cap(glyf) // glyf's offset in b
	format, _ := u16(tt.tables["head"], 50)
	glyphs, _ := u16(tt.tables["maxp"], 4)
	loca := tt.tables["loca"]
	for g := range glyphs {
		var at, next int
		if format == 0 {
			at, _ = u16(loca, 2*g)
			next, _ = u16(loca, 2*g+2)
			at, next = 2*at, 2*next
		} else {
			at, _ = u32(loca, 4*g)
			next, _ = u32(loca, 4*g+4)
		}
		if next-at >= 14 && glyf[at]&0x80 != 0 {
			b[base+at+12], b[base+at+13] = byte(g>>8), byte(g)
			return b
		}
	}
	t.Fatal("no composite glyph")
	return nil
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		loadShipped(b)
	}
}
