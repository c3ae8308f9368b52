package config

import (
	"reflect"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// normalize puts every text value into textnorm's one form (NFC, no
// invisible characters), as the readers do for the workbooks' cells, and
// records each removed character as a warning naming the key: nothing
// disappears silently.
func (c *Config) normalize() {
	for _, f := range c.fields() {
		if f.val.Kind() != reflect.String {
			continue
		}
		s := f.val.String()
		for _, r := range textnorm.Invisibles(s) {
			c.Warnings.Warnf(c.Origin(f.key), "", "", "%s : caractère invisible %s supprimé", f.key, textnorm.CodePoint(r))
		}
		f.val.SetString(textnorm.Clean(s))
	}
}
