package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// setExample ends every message about --set: the one form it accepts.
const setExample = "attendu section.cle=valeur (par exemple --set signature.lieu=Lisieux)"

// parseOverrides turns the --set, --lieu and --date flags into the
// configuration overrides, keyed like cls.yaml. A --set without « = », or
// with an empty or unknown key, is refused rather than ignored: the
// coordinator would otherwise believe the value applied.
func parseOverrides(sets []string, lieu, date string) (map[string]string, error) {
	o := map[string]string{}
	keys := config.Keys()
	for _, kv := range sets {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		switch {
		case !ok || k == "":
			return nil, fmt.Errorf("--set « %s » : %s", textnorm.Escape(kv), setExample)
		case !slices.Contains(keys, k):
			return nil, fmt.Errorf("--set « %s » : clé « %s » inconnue ; clés possibles : %s",
				textnorm.Escape(kv), textnorm.Escape(k), strings.Join(keys, ", "))
		}
		o[k] = v
	}
	if lieu != "" {
		o["signature.lieu"] = lieu
	}
	if date != "" {
		o["signature.date"] = date
	}
	return o, nil
}
