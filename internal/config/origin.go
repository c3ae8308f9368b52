package config

import (
	"os"

	"github.com/spf13/viper"
)

// Origin tells, in French, where the value of key came from, so that a
// message blames the place the coordinator must edit: « cls.yaml » (the
// file as given), « variable d'environnement CLS_TERRITOIRE_NOM »,
// « option --set territoire.nom » or « valeur par défaut ».
func (c *Config) Origin(key string) string {
	if o, ok := c.origins[key]; ok {
		return o
	}
	return c.File
}

// origins works out where each key's value comes from, in viper's order
// of precedence: command-line overrides, then the environment, then the
// file, then the defaults.
func origins(v *viper.Viper, file string, overrides map[string]string) map[string]string {
	out := map[string]string{}
	for _, k := range Keys() {
		out[k] = origin(v, k, file, overrides)
	}
	return out
}

func origin(v *viper.Viper, key, file string, overrides map[string]string) string {
	if _, ok := overrides[key]; ok {
		switch key {
		case "signature.lieu":
			return "option --lieu ou --set signature.lieu"
		case "signature.date":
			return "option --date ou --set signature.date"
		}
		return "option --set " + key
	}
	// viper ignores an empty variable, so must we
	if s, ok := os.LookupEnv(envName(key)); ok && s != "" {
		return "variable d'environnement " + envName(key)
	}
	if _, ok := defaults[key]; ok && !v.InConfig(key) {
		return "valeur par défaut"
	}
	// in the file, or missing from it: the file is where to write it
	return file
}
