// Package config reads cls.yaml, the contract's settings: territory,
// title, dates, folders, fonts, paper. Every key can be overridden by an
// environment variable CLS_<SECTION>_<KEY> (CLS_SIGNATURE_LIEU=Lisieux) and
// by the command's flags.
package config

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/frdate"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/spf13/viper"
)

// Config is the content of cls.yaml.
type Config struct {
	Territoire Territoire `mapstructure:"territoire"`
	Document   Document   `mapstructure:"document"`
	Signature  Signature  `mapstructure:"signature"`
	Sources    string     `mapstructure:"sources"`
	Modeles    string     `mapstructure:"modeles"`
	Polices    Polices    `mapstructure:"polices"`
	Sortie     Sortie     `mapstructure:"sortie"`
	Papier     Papier     `mapstructure:"papier"`

	// Dir is the folder of cls.yaml; relative paths are taken from it.
	Dir string `mapstructure:"-"`
	// File is the path of cls.yaml as given, for messages.
	File string `mapstructure:"-"`
	// Warnings are what Load changed in the values (an invisible character
	// removed), for the coordinator; they do not stop a build.
	Warnings diag.List `mapstructure:"-"`

	// origins maps each key to where its value came from (see Origin).
	origins map[string]string
	// bad holds the keys whose value could not be read, already reported:
	// validate does not report them again.
	bad map[string]bool
}

// Territoire names the territory.
type Territoire struct {
	Nom   string `mapstructure:"nom"`
	Sigle string `mapstructure:"sigle"`
	// Article and Genre say how the name is used in a sentence (« de la
	// Communauté… », « de l'Intercom… ») when its first word does not:
	// see grammar.go.
	Article string `mapstructure:"article"`
	Genre   string `mapstructure:"genre"`
}

// Document holds the title and the PDF metadata.
type Document struct {
	Titre      string `mapstructure:"titre"`
	Periode    string `mapstructure:"periode"`
	Surtitre   string `mapstructure:"surtitre"`
	TitreCourt string `mapstructure:"titre_court"`
	Auteur     string `mapstructure:"auteur"`
	Sujet      string `mapstructure:"sujet"`
	MotsCles   string `mapstructure:"mots_cles"`
	Date       string `mapstructure:"date"`
	Logo       string `mapstructure:"logo"`
}

// Signature is where and when the contract is signed.
type Signature struct {
	Lieu string `mapstructure:"lieu"`
	Date string `mapstructure:"date"`
}

// Polices names the font family and its four files.
type Polices struct {
	Dossier      string `mapstructure:"dossier"`
	Famille      string `mapstructure:"famille"`
	Regulier     string `mapstructure:"regulier"`
	Gras         string `mapstructure:"gras"`
	Italique     string `mapstructure:"italique"`
	GrasItalique string `mapstructure:"gras_italique"`
}

// Sortie is where the PDF goes.
type Sortie struct {
	Dossier string `mapstructure:"dossier"`
	Fichier string `mapstructure:"fichier"`
}

// Papier is the page format.
type Papier struct {
	Format      string  `mapstructure:"format"`
	Marges      Marges  `mapstructure:"marges"`
	TailleTexte float64 `mapstructure:"taille_texte"`
}

// Marges are the page margins in mm.
type Marges struct {
	Haut   float64 `mapstructure:"haut"`
	Bas    float64 `mapstructure:"bas"`
	Gauche float64 `mapstructure:"gauche"`
	Droite float64 `mapstructure:"droite"`
}

// defaults are the values used when cls.yaml leaves a key out.
var defaults = map[string]any{
	"document.titre":        "Contrat Local de Santé",
	"sources":               "sources",
	"modeles":               "templates",
	"polices.dossier":       "fonts",
	"polices.famille":       "Carlito",
	"polices.regulier":      "Carlito-Regular.ttf",
	"polices.gras":          "Carlito-Bold.ttf",
	"polices.italique":      "Carlito-Italic.ttf",
	"polices.gras_italique": "Carlito-BoldItalic.ttf",
	"sortie.dossier":        "output",
	"sortie.fichier":        "contrat-local-de-sante.pdf",
	"papier.format":         "A4",
	"papier.marges.haut":    22.0,
	"papier.marges.bas":     20.0,
	"papier.marges.gauche":  20.0,
	"papier.marges.droite":  20.0,
	"papier.taille_texte":   10.5,
}

// maxFileSize is the largest cls.yaml read: the shipped one is under 2 KB.
const maxFileSize = 1 << 20

// Load reads the configuration file and applies the environment and the
// given overrides (flag values keyed like the file: "signature.lieu").
// A problem of the file, a variable or an override is returned as a
// diag.List holding every problem at once, each with its key and where
// its value came from; c.Warnings holds what was changed.
func Load(path string, overrides map[string]string) (*Config, error) {
	b, err := readFile(path)
	if err != nil {
		return nil, err
	}
	v := viper.New()
	v.SetConfigType("yaml")
	for k, d := range defaults {
		v.SetDefault(k, d)
	}
	if err := v.ReadConfig(bytes.NewReader(b)); err != nil {
		return nil, diag.List{yamlProblem(path, err)}
	}
	v.SetEnvPrefix("CLS")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	// every key of the configuration, even one cls.yaml leaves out, can
	// come from the environment
	for _, k := range Keys() {
		_ = v.BindEnv(k)
	}
	lower := map[string]string{}
	for k, val := range overrides {
		k = strings.ToLower(k)
		lower[k] = val
		v.Set(k, val)
	}
	c := &Config{File: path, bad: map[string]bool{}}
	abs, err := filepath.Abs(path)
	if err != nil {
		var l diag.List
		l.Errorf(path, "", "", "dossier courant inaccessible (%s) ; attendu de lancer cls depuis un dossier qui existe", safefile.Cause(err))
		return nil, l
	}
	c.Dir = filepath.Dir(abs)
	c.origins = origins(v, path, lower)
	var probs diag.List
	c.unknownKeys(v, lower, &probs)
	c.decode(v, &probs)
	c.normalize()
	c.validate(&probs)
	if len(probs) > 0 {
		return nil, probs
	}
	return c, nil
}

// readFile reads cls.yaml, refusing a folder and a file too big to be a
// configuration (a wrong path, or a file meant to exhaust memory).
func readFile(path string) ([]byte, error) {
	fail := func(format string, args ...any) error {
		var l diag.List
		l.Errorf(path, "", "", format, args...)
		return l
	}
	b, err := safefile.ReadFile(path, maxFileSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fail("fichier de configuration introuvable ; attendu un fichier cls.yaml (voir docs/sources.md)")
	case err != nil && strings.Contains(err.Error(), "dossier"):
		return nil, fail("est un dossier ; attendu le fichier cls.yaml (par exemple %s)", filepath.Join(path, "cls.yaml"))
	case err != nil && strings.Contains(err.Error(), "trop volumineux"):
		return nil, fail("fichier de plus de 1 Mo ; attendu un cls.yaml de quelques lignes (celui livré fait moins de 2 Ko)")
	case safefile.IsRefusal(err):
		return nil, fail("%v ; attendu le fichier cls.yaml", err)
	case err != nil:
		return nil, fail("fichier de configuration illisible (%s) ; attendu un fichier cls.yaml lisible", safefile.Cause(err))
	}
	return b, nil
}

// Path resolves a path of the configuration against its folder.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// FrenchDate writes a YYYY-MM-DD date in words: "10 juillet 2025", with
// "1er" for the first of the month.
func FrenchDate(s string) string { return frdate.Words(s) }
