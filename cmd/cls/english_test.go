package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// english finds, as whole words and whatever their case, the fragments of
// Go's, the system's and the libraries' English that used to reach the
// coordinator (« classeur illisible (zip: not a valid zip file) »). French
// words that contain one (« erreur », « invalide ») do not match; « %%EOF »,
// the name of a PDF's end marker, is not English text.
var english = regexp.MustCompile(`(?i)(?:^|[^\p{L}%])(not a valid|no such file|permission denied|invalid|unexpected|failed|error|cannot|can't|unable|is a directory|not a directory|read-only|no space|file name too long|too many|does not exist|unsupported|exceeds|zip:|xml:|eof|usage|flags|runtime|panic|open|read|write|stat|lstat|mkdir|rename)(?:[^\p{L}]|$)`)

// unix runs a case only where chmod takes away what it should: root reads
// and writes whatever the permissions say.
func unix(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions")
	}
}

// TestNoEnglishReachesTheCoordinator runs failing command lines and
// hostile territories and checks that nothing cls prints is English:
// errors of the system, of excelize, zip, XML, pdfcpu, fpdf, go-chart,
// image decoders and cobra are all told in French.
func TestNoEnglishReachesTheCoordinator(t *testing.T) {
	fonts := filepath.Join("..", "..", "fonts")
	// example writes the example territory into dir and returns its cls.yaml
	example := func(t *testing.T, dir string) string {
		return sourcetest.Example().Write(t, dir, fonts)
	}
	writeFile := func(t *testing.T, path string, b []byte) {
		t.Helper()
		os.Remove(path)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name string
		root bool   // meaningful only when not root (permissions)
		want string // in the output, $DIR for the test's folder
		make func(t *testing.T, dir string) []string
	}{
		{"workbook that is not a zip", false, "erreur : $DIR/sources/sigles.xlsx : classeur illisible (ce n'est pas une archive zip, la forme de tout fichier .xlsx) ; attendu un fichier .xlsx valide, enregistré depuis Excel ou LibreOffice\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			writeFile(t, filepath.Join(dir, "sources", "sigles.xlsx"), []byte("Sigle;Définition\nARS;Agence\n"))
			return []string{"check", "--config", cfg}
		}},
		{"truncated workbook", false, "erreur : $DIR/sources/contrat.xlsx : classeur illisible (ce n'est pas une archive zip, la forme de tout fichier .xlsx)", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			p := filepath.Join(dir, "sources", "contrat.xlsx")
			b, _ := os.ReadFile(p)
			writeFile(t, p, b[:len(b)/2])
			return []string{"check", "--config", cfg}
		}},
		{"workbook with a damaged compressed part", false, "erreur : $DIR/sources/fiches.xlsx : classeur illisible (fichier tronqué : il s'arrête avant sa fin) ; attendu un fichier .xlsx valide, enregistré depuis Excel ou LibreOffice\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			p := filepath.Join(dir, "sources", "fiches.xlsx")
			b, _ := os.ReadFile(p)
			for i := 200; i < len(b)-200; i += 97 { // inside the parts, not the directory at the end
				b[i] ^= 0x55
			}
			writeFile(t, p, b)
			return []string{"check", "--config", cfg}
		}},
		{"workbook protected by a password (an OLE container)", false, "erreur : $DIR/sources/sigles.xlsx : classeur protégé par un mot de passe, ou ancien classeur .xls renommé en .xlsx ; attendu un classeur .xlsx sans mot de passe (dans Excel ou LibreOffice : Enregistrer sous… > Classeur Excel .xlsx, sans mot de passe)\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
			writeFile(t, filepath.Join(dir, "sources", "sigles.xlsx"), ole)
			return []string{"check", "--config", cfg}
		}},
		{"workbook that is a folder", false, "erreur : $DIR/sources/sigles.xlsx : classeur refusé : c'est un dossier, pas un fichier ; attendu un classeur .xlsx enregistré par Excel ou LibreOffice\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			p := filepath.Join(dir, "sources", "sigles.xlsx")
			os.Remove(p)
			os.Mkdir(p, 0o755)
			return []string{"check", "--config", cfg}
		}},
		{"unreadable workbook", true, "erreur : $DIR/sources/sigles.xlsx : classeur illisible (accès refusé par les droits du fichier ou du dossier) ; attendu un fichier .xlsx valide, enregistré depuis Excel ou LibreOffice\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			os.Chmod(filepath.Join(dir, "sources", "sigles.xlsx"), 0)
			return []string{"check", "--config", cfg}
		}},
		{"unreadable template", true, "erreur : $DIR/templates/02-acteurs.md : modèle refusé : accès refusé par les droits du fichier ou du dossier ; attendu un fichier texte Markdown (.md)\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			os.Chmod(filepath.Join(dir, "templates", "02-acteurs.md"), 0)
			return []string{"check", "--config", cfg}
		}},
		{"unreadable templates folder", true, "erreur : $DIR/templates : dossier des modèles illisible : accès refusé par les droits du fichier ou du dossier ; attendu le dossier des textes du contrat\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			os.Chmod(filepath.Join(dir, "templates"), 0)
			t.Cleanup(func() { os.Chmod(filepath.Join(dir, "templates"), 0o755) })
			return []string{"check", "--config", cfg}
		}},
		{"unreadable cls.yaml", true, "erreur : $DIR/cls.yaml : fichier de configuration illisible (accès refusé par les droits du fichier ou du dossier) ; attendu un fichier cls.yaml lisible\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			os.Chmod(cfg, 0)
			return []string{"check", "--config", cfg}
		}},
		{"cls.yaml that is a folder", false, "erreur : $DIR : est un dossier ; attendu le fichier cls.yaml (par exemple $DIR/cls.yaml)\n", func(t *testing.T, dir string) []string {
			return []string{"check", "--config", dir}
		}},
		{"cls.yaml of binary bytes", false, "erreur : $DIR/cls.yaml, ligne 1 : YAML illisible : ", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			writeFile(t, cfg, []byte{0xff, 0xfe, 0, 1, 2, '\n', 0x80, 0x81})
			return []string{"check", "--config", cfg}
		}},
		{"missing cls.yaml", false, "erreur : $DIR/absent/cls.yaml : fichier de configuration introuvable ; attendu un fichier cls.yaml (voir docs/sources.md)\n", func(t *testing.T, dir string) []string {
			return []string{"check", "--config", filepath.Join(dir, "absent", "cls.yaml")}
		}},
		{"a font that is not a font", false, "erreur : $DIR/polices/Carlito-Regular.ttf : ce fichier n'est pas une police TrueType (polices.regulier dans cls.yaml) ; attendu un fichier .ttf", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			f := filepath.Join(dir, "polices")
			os.Mkdir(f, 0o755)
			entries, _ := os.ReadDir(fonts)
			for _, e := range entries {
				writeFile(t, filepath.Join(f, e.Name()), []byte("pas une police"))
			}
			return []string{"check", "--config", cfg, "--fonts", f}
		}},
		{"unreadable font", true, "erreur : $DIR/polices/Carlito-Regular.ttf : police illisible, accès refusé par les droits du fichier ou du dossier (polices.regulier dans cls.yaml) ; attendu un fichier TrueType (.ttf)\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			f := filepath.Join(dir, "polices")
			os.Mkdir(f, 0o755)
			entries, _ := os.ReadDir(fonts)
			for _, e := range entries {
				b, _ := os.ReadFile(filepath.Join(fonts, e.Name()))
				os.WriteFile(filepath.Join(f, e.Name()), b, 0)
			}
			return []string{"check", "--config", cfg, "--fonts", f}
		}},
		{"a logo that is not an image", false, "erreur : cls.yaml : document.logo : « $DIR/logo.png » : ce fichier n'est pas une image PNG ou JPEG lisible ; attendu une image PNG ou JPEG\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			writeFile(t, filepath.Join(dir, "logo.png"), []byte("GIF89a pas une image"))
			return []string{"check", "--config", cfg, "--set", "document.logo=logo.png"}
		}},
		{"a logo that is a folder", false, "erreur : cls.yaml : document.logo : « $DIR/logo.png » : c'est un dossier, pas un fichier ; attendu une image PNG ou JPEG\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			os.Mkdir(filepath.Join(dir, "logo.png"), 0o755)
			return []string{"check", "--config", cfg, "--set", "document.logo=logo.png"}
		}},
		{"read-only output folder", true, "erreur : $DIR/lecture-seule/.contrat.pdf.lock : verrou impossible à créer (accès refusé par les droits du fichier ou du dossier) ; attendu un dossier accessible en écriture\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			out := filepath.Join(dir, "lecture-seule")
			os.Mkdir(out, 0o555)
			t.Cleanup(func() { os.Chmod(out, 0o755) })
			return []string{"build", "--config", cfg, "--out", filepath.Join(out, "contrat.pdf")}
		}},
		{"output inside a file", false, "erreur : --out $DIR/fichier/contrat.pdf : « $DIR/fichier » n'est pas un dossier ; attendu le chemin d'un fichier PDF, par exemple output/contrat.pdf\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			writeFile(t, filepath.Join(dir, "fichier"), []byte("x"))
			return []string{"build", "--config", cfg, "--out", filepath.Join(dir, "fichier", "contrat.pdf")}
		}},
		{"output that is a folder", false, "erreur : --out $DIR/contrat.pdf : ce n'est pas un fichier ordinaire (dossier) ; attendu le chemin d'un fichier PDF, par exemple output/contrat.pdf\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			os.Mkdir(filepath.Join(dir, "contrat.pdf"), 0o755)
			return []string{"build", "--config", cfg, "--out", filepath.Join(dir, "contrat.pdf")}
		}},
		{"output name too long", false, ".pdf : chemin inaccessible (nom de fichier ou chemin trop long) ; attendu le chemin d'un fichier PDF, par exemple output/contrat.pdf\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			return []string{"build", "--config", cfg, "--out", filepath.Join(dir, strings.Repeat("é", 200)+".pdf")}
		}},
		{"evaluation workbook in a read-only folder", true, "erreur : $DIR/lecture-seule/.2026.xlsx.lock : verrou impossible à créer (accès refusé par les droits du fichier ou du dossier) ; attendu un dossier accessible en écriture\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			out := filepath.Join(dir, "lecture-seule")
			os.Mkdir(out, 0o555)
			t.Cleanup(func() { os.Chmod(out, 0o755) })
			return []string{"evaluation", "template", "2026", "--config", cfg, "--out", filepath.Join(out, "2026.xlsx")}
		}},
		{"extract from a file that is not a PDF", false, "erreur : $DIR/c.pdf : ce n'est pas un PDF (il ne commence pas par « %PDF- ») ; attendu un contrat PDF produit par cls\n", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "c.pdf")
			writeFile(t, p, []byte("PK\x03\x04 pas un PDF"))
			return []string{"extract", p, filepath.Join(dir, "x")}
		}},
		{"extract from a truncated PDF", false, "erreur : $DIR/c.pdf : PDF tronqué : sa fin (%%EOF) manque ; attendu le contrat PDF complet, tel que cls l'a produit\n", func(t *testing.T, dir string) []string {
			b, _ := os.ReadFile(smallContractPDF(t))
			p := filepath.Join(dir, "c.pdf")
			writeFile(t, p, b[:len(b)*2/3])
			return []string{"extract", p, filepath.Join(dir, "x")}
		}},
		{"extract from a PDF with a damaged body", false, "erreur : $DIR/c.pdf : PDF tronqué ou endommagé : illisible ; attendu le contrat PDF complet, tel que cls l'a produit\n", func(t *testing.T, dir string) []string {
			b, _ := os.ReadFile(smallContractPDF(t))
			for i := 400; i < len(b)-400; i += 13 {
				b[i] = '#'
			}
			p := filepath.Join(dir, "c.pdf")
			writeFile(t, p, b)
			return []string{"extract", p, filepath.Join(dir, "x")}
		}},
		{"extract from a missing PDF", false, "erreur : $DIR/absent.pdf : PDF introuvable ou illisible ; attendu un contrat PDF produit par cls\n", func(t *testing.T, dir string) []string {
			return []string{"extract", filepath.Join(dir, "absent.pdf"), filepath.Join(dir, "x")}
		}},
		{"extract from an unreadable PDF", true, "erreur : $DIR/c.pdf : PDF illisible (accès refusé par les droits du fichier ou du dossier) ; attendu un contrat PDF produit par cls\n", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "c.pdf")
			writeFile(t, p, []byte("%PDF-1.7\n"))
			os.Chmod(p, 0)
			return []string{"extract", p, filepath.Join(dir, "x")}
		}},
		{"extract from a folder", false, "erreur : $DIR : ce n'est pas un fichier ; attendu un contrat PDF produit par cls\n", func(t *testing.T, dir string) []string {
			return []string{"extract", dir, filepath.Join(dir, "x")}
		}},
		{"extract into a read-only folder", true, "erreur : $DIR/lecture-seule/cls-manifeste.json : écriture impossible (accès refusé par les droits du fichier ou du dossier) ; les fichiers déjà extraits ont été retirés\n", func(t *testing.T, dir string) []string {
			out := filepath.Join(dir, "lecture-seule")
			os.Mkdir(out, 0o555)
			t.Cleanup(func() { os.Chmod(out, 0o755) })
			return []string{"extract", smallContractPDF(t), out}
		}},
		{"extract into a file", false, "erreur : $DIR/fichier : ce n'est pas un dossier ; attendu le dossier où extraire les sources\n", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "fichier")
			writeFile(t, p, []byte("x"))
			return []string{"extract", smallContractPDF(t), p}
		}},
		{"diff of a file that is not a PDF", false, "erreur : $DIR/a.pdf : PDF tronqué : sa fin (%%EOF) manque ; attendu le contrat PDF complet, tel que cls l'a produit\n", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "a.pdf")
			writeFile(t, p, []byte("%PDF-1.7\nrien\n"))
			return []string{"diff", p, p}
		}},
		{"diff of missing versions", false, "erreur : $DIR/a.pdf : PDF introuvable ou illisible ; attendu un contrat PDF produit par cls\n", func(t *testing.T, dir string) []string {
			return []string{"diff", filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b")}
		}},
		{"avenant against a PDF that is not one", false, "erreur : $DIR/ancien.pdf : ce n'est pas un PDF (il ne commence pas par « %PDF- ») ; attendu un contrat PDF produit par cls\n", func(t *testing.T, dir string) []string {
			cfg := example(t, dir)
			p := filepath.Join(dir, "ancien.pdf")
			writeFile(t, p, []byte("ceci n'est pas un PDF"))
			return []string{"avenant", "1", "--config", cfg, "--avant", p, "--out", filepath.Join(dir, "a.pdf")}
		}},
		{"build --all of a file", false, "erreur : $DIR/fichier : ceci n'est pas un dossier ; attendu un dossier contenant un dossier par territoire\n", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "fichier")
			writeFile(t, p, []byte("x"))
			return []string{"build", "--all", p}
		}},
		{"build --all of an unreadable folder", true, "erreur : $DIR/ferme : dossier illisible (accès refusé) ; attendu un dossier contenant un dossier par territoire\n", func(t *testing.T, dir string) []string {
			d := filepath.Join(dir, "ferme")
			os.Mkdir(d, 0)
			t.Cleanup(func() { os.Chmod(d, 0o755) })
			return []string{"build", "--all", d}
		}},
		{"cobra's completion command", false, "erreur : commande inconnue « __complete » ; commandes possibles : avenant, build, check, diff, evaluation, extract, help, init, serve, verifier\n", func(t *testing.T, dir string) []string {
			return []string{"__complete", "bu"}
		}},
		{"cobra's completion command without descriptions", false, "erreur : commande inconnue « __completeNoDesc » ; commandes possibles : avenant, build, check, diff, evaluation, extract, help, init, serve, verifier\n", func(t *testing.T, dir string) []string {
			return []string{"--config", "x.yaml", "__completeNoDesc", "build", "--"}
		}},
		{"cobra's completion command alone", false, "erreur : commande inconnue « __complete » ; commandes possibles : avenant, build, check, diff, evaluation, extract, help, init, serve, verifier\n", func(t *testing.T, dir string) []string {
			return []string{"__complete"}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.root {
				unix(t)
			}
			dir := t.TempDir()
			args := tc.make(t, dir)
			code, out, errOut := runAll(t, args...)
			got := strings.ReplaceAll(out+errOut, dir, "$DIR")
			if code == 0 {
				t.Errorf("cls %s: exit 0, want a failure:\n%s", strings.Join(args, " "), got)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("cls %s: output lacks %q:\n%s", strings.Join(args, " "), tc.want, got)
			}
			for _, m := range english.FindAllStringSubmatch(got, -1) {
				t.Errorf("cls %s: English %q in\n%s", strings.Join(args, " "), m[1], got)
			}
			t.Logf("%s", got)
		})
	}
}
