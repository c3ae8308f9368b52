package embed

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestReadGood(t *testing.T) {
	want := goodFiles()
	files, err := read("c.pdf", makePDF(bundle(t, want...), ""))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	got := map[string][]byte{}
	for _, f := range files {
		names = append(names, f.Name)
		got[f.Name] = f.Content
	}
	if s := strings.Join(names, " "); s != "cls-manifeste.json cls.yaml images/logo.png sources/contrat.xlsx sources/fiches.xlsx templates/01-preambule.md templates/fiches/FA1.1.md" {
		t.Errorf("names: %s", s)
	}
	for _, f := range want {
		if !bytes.Equal(got[f.Name], f.Content) {
			t.Errorf("%s: %q, want %q", f.Name, got[f.Name], f.Content)
		}
	}
	m, ok := ManifestOf(files)
	if !ok || m.Version != "Version initiale signée le 10 juillet 2025" {
		t.Errorf("manifest: %+v", m)
	}
}

// hostile PDFs and the exact message each gives.
func hostile(t testing.TB) []struct {
	name string
	pdf  []byte
	want string
} {
	good := goodFiles()
	with := func(extra ...File) []byte {
		return makePDF(bundle(t, append(append([]File(nil), good...), extra...)...), "")
	}
	tampered := bundle(t, good...)
	for i, a := range tampered {
		if a.name == "sources/contrat.xlsx" {
			tampered[i] = deflated(a.name, []byte("PK contrat modifié"))
		}
	}
	unlisted := append(bundle(t, good...), deflated("templates/99-ajout.md", []byte("texte ajouté")))
	missing := bundle(t, good...)
	for i, a := range missing {
		if a.name == "sources/fiches.xlsx" {
			missing = append(missing[:i], missing[i+1:]...)
			break
		}
	}
	lzw := bundle(t, good...)
	lzw[0].filter = "/LZWDecode"
	bombed := bundle(t, append(good, File{Name: "sources/diagnostic.xlsx", Content: []byte("x")})...)
	for i, a := range bombed {
		if a.name == "sources/diagnostic.xlsx" {
			bombed[i].raw = bomb(t, 1<<30)
		}
	}
	var many []attachment
	for i := 0; i < 5; i++ {
		many = append(many, attachment{name: fmt.Sprintf("sources/b%d.xlsx", i), raw: bomb(t, 60<<20), filter: "/FlateDecode"})
	}
	bombs := makePDF(append(bundle(t, good...), many...), "")
	var maze bytes.Buffer
	maze.WriteString("%PDF-1.4\n")
	for i := 1; i <= maxObjects+10_000; i++ {
		fmt.Fprintf(&maze, "%d 0 obj\nnull\nendobj\n", i)
	}
	maze.WriteString("trailer\n<< /Root 1 0 R >>\n%%EOF\n")
	real := with()
	noFiles := makePDF(nil, "<< /Names [] >>")
	cycle := makePDF(bundle(t, good...), "<< /Kids [3 0 R] >>")
	const expect = " ; attendu cls.yaml, cls-manifeste.json, sources/NOM.xlsx, templates/CHEMIN.md, templates/libelles.yaml, templates/theme.yaml ou le logo (.png, .jpg, .jpeg)"
	return []struct {
		name string
		pdf  []byte
		want string
	}{
		{"git config", with(File{Name: ".git/config", Content: []byte("[core]\n\tfsmonitor = touch /tmp/pwned\n")}),
			"erreur : c.pdf : fichier joint « .git/config » refusé : composant « .git » commençant par un point (fichier caché ou de configuration)" + expect},
		{"bashrc", with(File{Name: ".bashrc", Content: []byte("x")}),
			"erreur : c.pdf : fichier joint « .bashrc » refusé : composant « .bashrc » commençant par un point (fichier caché ou de configuration)" + expect},
		{"parent", with(File{Name: "../x.md", Content: []byte("x")}),
			"erreur : c.pdf : fichier joint « ../x.md » refusé : composant « .. » (remonte hors du dossier)" + expect},
		{"absolute", with(File{Name: "/etc/x.png", Content: []byte("x")}),
			"erreur : c.pdf : fichier joint « /etc/x.png » refusé : chemin absolu" + expect},
		{"climbing", with(File{Name: "sources/../../x.xlsx", Content: []byte("x")}),
			"erreur : c.pdf : fichier joint « sources/../../x.xlsx » refusé : composant « .. » (remonte hors du dossier)" + expect},
		{"terminal escape", with(File{Name: "templates/\x1b[2J\x1b]0;pwned\a.md", Content: []byte("x")}),
			"erreur : c.pdf : fichier joint « templates/<U+001B>[2J<U+001B>]0;pwned<U+0007>.md » refusé : caractère de contrôle ou invisible U+001B" + expect},
		{"backslash", with(File{Name: `templates\..\..\x.md`, Content: []byte("x")}),
			"erreur : c.pdf : fichier joint « templates\\..\\..\\x.md » refusé : caractère « \\ » (U+005C) interdit dans un nom de fichier" + expect},
		{"windows device", with(File{Name: "sources/CON.xlsx", Content: []byte("x")}),
			"erreur : c.pdf : fichier joint « sources/CON.xlsx » refusé : nom « CON.xlsx » réservé sous Windows" + expect},
		{"other kind", with(File{Name: "sources/run.sh", Content: []byte("x")}),
			"erreur : c.pdf : fichier joint « sources/run.sh » refusé : ce n'est pas un fichier que cls joint" + expect},
		{"case clash", with(File{Name: "templates/01-Preambule.md", Content: []byte("x")}),
			"erreur : c.pdf : fichiers joints « templates/01-Preambule.md » et « templates/01-preambule.md » : même nom à la casse près ; attendu des noms distincts"},
		{"tampered", makePDF(tampered, ""),
			"erreur : c.pdf : fichier joint « sources/contrat.xlsx » modifié : son SHA-256 (" + Sum([]byte("PK contrat modifié"))[:12] + "…) n'est pas celui du manifeste (" + Sum([]byte("PK contrat"))[:12] + "…) ; attendu le fichier tel que cls l'a joint"},
		{"not in manifest", makePDF(unlisted, ""),
			"erreur : c.pdf : fichier joint « templates/99-ajout.md » absent du manifeste cls-manifeste.json ; attendu seulement les fichiers que le manifeste liste"},
		{"missing", makePDF(missing, ""),
			"erreur : c.pdf : fichier « sources/fiches.xlsx » listé dans le manifeste mais absent des fichiers joints ; attendu tous les fichiers du manifeste"},
		{"LZW", makePDF(lzw, ""),
			"c.pdf : fichier joint « cls.yaml » : compression [LZWDecode] non prise en charge ; attendu FlateDecode, que cls emploie"},
		{"bomb", makePDF(bombed, ""),
			"c.pdf : fichier joint « sources/diagnostic.xlsx » trop volumineux une fois décompressé (plus de 64 Mo) ; attendu les sources d'un contrat, quelques Mo au plus"},
		{"bombs", bombs,
			"c.pdf : fichiers joints trop volumineux une fois décompressés (plus de 128 Mo au total, atteint à « sources/b2.xlsx ») ; attendu les sources d'un contrat, quelques Mo au plus"},
		{"maze of objects", maze.Bytes(),
			"c.pdf : PDF trop complexe (plus de 120000 objets) ; attendu un contrat PDF produit par cls, qui en compte quelques milliers"},
		{"not a PDF", []byte("PK\x03\x04 a workbook, not a PDF"),
			"c.pdf : ce n'est pas un PDF (il ne commence pas par « %PDF- ») ; attendu un contrat PDF produit par cls"},
		{"empty", nil,
			"c.pdf : ce n'est pas un PDF (il ne commence pas par « %PDF- ») ; attendu un contrat PDF produit par cls"},
		{"truncated", real[:len(real)/2],
			"c.pdf : PDF tronqué : sa fin (%%EOF) manque ; attendu le contrat PDF complet, tel que cls l'a produit"},
		{"garbled", append(append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("garbage "), 100)...), "\n%%EOF\n"...),
			"c.pdf : PDF tronqué ou endommagé : illisible ; attendu le contrat PDF complet, tel que cls l'a produit"},
		{"other producer", noFiles,
			"c.pdf : ce PDF n'a pas été produit par cls : il ne contient pas ses sources (pas de manifeste cls-manifeste.json joint)"},
		{"name tree cycle", cycle,
			"c.pdf : PDF tronqué ou endommagé : illisible ; attendu le contrat PDF complet, tel que cls l'a produit"},
	}
}

func TestReadHostile(t *testing.T) {
	for _, c := range hostile(t) {
		t.Run(c.name, func(t *testing.T) {
			files, err := read("c.pdf", c.pdf)
			if err == nil {
				t.Fatalf("accepted: %d files", len(files))
			}
			if got := fmt.Sprint(err); got != c.want {
				t.Errorf("message:\n got %s\nwant %s", got, c.want)
			}
		})
	}
}
