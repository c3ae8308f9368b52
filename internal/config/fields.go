package config

import (
	"reflect"
	"strings"
)

// field is one leaf of the configuration: its dotted key and the settable
// value it decodes into. Decoding, normalising, validating and checking
// glyphs all walk the same list, so a new key gets all four.
type field struct {
	key string
	val reflect.Value
}

// fields lists the leaves of c in the order of the Config type.
func (c *Config) fields() []field {
	var out []field
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("mapstructure")
			if tag == "" || tag == "-" {
				continue
			}
			if f.Type.Kind() == reflect.Struct {
				walk(v.Field(i), prefix+tag+".")
				continue
			}
			out = append(out, field{key: prefix + tag, val: v.Field(i)})
		}
	}
	walk(reflect.ValueOf(c).Elem(), "")
	return out
}

// Keys lists every key of cls.yaml, dotted ("signature.lieu").
func Keys() []string {
	var out []string
	for _, f := range new(Config).fields() {
		out = append(out, f.key)
	}
	return out
}

// envName is the environment variable that overrides key:
// papier.taille_texte → CLS_PAPIER_TAILLE_TEXTE.
func envName(key string) string {
	return "CLS_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}
