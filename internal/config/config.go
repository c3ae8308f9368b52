// Package config reads cls.yaml, the contract's settings: territory,
// title, dates, folders, fonts, paper. Every key can be overridden by an
// environment variable CLS_<SECTION>_<KEY> (CLS_SIGNATURE_LIEU=Lisieux) and
// by the command's flags.
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/frdate"
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
}

// Territoire names the territory.
type Territoire struct {
	Nom   string `mapstructure:"nom"`
	Sigle string `mapstructure:"sigle"`
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

// Load reads the configuration file and applies the environment and the
// given overrides (flag values keyed like the file: "signature.lieu").
func Load(path string, overrides map[string]string) (*Config, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	for k, d := range defaults {
		v.SetDefault(k, d)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s : fichier de configuration introuvable ; attendu un fichier cls.yaml (voir docs/sources.md)", path)
	}
	if err := v.ReadConfig(strings.NewReader(string(b))); err != nil {
		return nil, fmt.Errorf("%s : YAML illisible : %v", path, err)
	}
	v.SetEnvPrefix("CLS")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	// every key of the configuration, even one cls.yaml leaves out, can
	// come from the environment
	for _, k := range Keys() {
		_ = v.BindEnv(k)
	}
	for k, val := range overrides {
		v.Set(k, val)
	}
	var c Config
	err = v.UnmarshalExact(&c, func(dc *mapstructure.DecoderConfig) {
		dc.WeaklyTypedInput = true
		dc.DecodeHook = dateAsText
	})
	if err != nil {
		return nil, fmt.Errorf("%s : %s", path, frenchDecodeError(err))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	c.Dir = filepath.Dir(abs)
	c.File = path
	c.origins = origins(v, path, overrides)
	c.normalize()
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// dateAsText keeps YAML dates (2025-07-10, which the YAML reader turns into
// a time) as the AAAA-MM-JJ text the configuration expects.
func dateAsText(from, to reflect.Type, data any) (any, error) {
	if t, ok := data.(time.Time); ok && to.Kind() == reflect.String {
		return t.Format("2006-01-02"), nil
	}
	return data, nil
}

// frenchDecodeError rewrites mapstructure's message for the coordinator.
func frenchDecodeError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "has invalid keys: "); i >= 0 {
		keys := strings.TrimSpace(msg[i+len("has invalid keys: "):])
		return "clé inconnue « " + keys + " » (faute de frappe ?) ; les clés possibles sont décrites dans docs/sources.md"
	}
	return "valeur de type inattendu : " + msg
}

func (c *Config) validate() error {
	var missing []string
	if c.Territoire.Nom == "" {
		missing = append(missing, "territoire.nom")
	}
	if c.Document.Periode == "" {
		missing = append(missing, "document.periode")
	}
	if c.Signature.Lieu == "" {
		missing = append(missing, "signature.lieu")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s : clé(s) obligatoire(s) vide(s) : %s", c.File, strings.Join(missing, ", "))
	}
	for key, s := range map[string]string{"signature.date": c.Signature.Date, "document.date": c.Document.Date} {
		if s == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return fmt.Errorf("%s : %s vaut « %s » ; attendu une date AAAA-MM-JJ (par exemple 2025-07-10)", c.File, key, s)
		}
	}
	if c.Papier.Format != "A4" {
		return fmt.Errorf("%s : papier.format vaut « %s » ; seul « A4 » est pris en charge", c.File, c.Papier.Format)
	}
	return nil
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
