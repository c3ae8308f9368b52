package theme

import (
	"fmt"
	"maps"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Parse reads a theme file over defaults: the keys it sets replace the
// defaults', the others stay. Every key must be one of the theme's (a typo
// would otherwise be ignored silently) and every value in its range; file
// names the file in messages. With nil defaults, it starts from nothing
// (the shipped file, which sets every key).
func Parse(src []byte, file string, defaults *Theme) (*Theme, diag.List) {
	var probs diag.List
	t := &Theme{}
	if defaults != nil {
		*t = *defaults
		t.States = maps.Clone(defaults.States)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		probs.Errorf(file, "", "", "YAML illisible (%s) ; attendu des lignes « clé: valeur » sous des rubriques (voir docs/sources.md, « Le thème »)", textnorm.Escape(strings.TrimPrefix(err.Error(), "yaml: ")))
		return t, probs
	}
	if len(root.Content) == 0 {
		return t, probs
	}
	byKey := map[string]field{}
	for _, f := range fields(t) {
		byKey[f.key] = f
	}
	walk(root.Content[0], "", file, byKey, &probs)
	return t, probs
}

func walk(n *yaml.Node, prefix, file string, byKey map[string]field, probs *diag.List) {
	if n.Kind != yaml.MappingNode {
		*probs = append(*probs, diag.Problem{Severity: diag.Error, File: file, Line: n.Line,
			Message: fmt.Sprintf("« %s » : attendu des lignes « clé: valeur » sous cette rubrique", strings.TrimSuffix(prefix, "."))})
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		if v.Kind == yaml.MappingNode {
			if !knownSection(key, byKey) {
				*probs = append(*probs, diag.Problem{Severity: diag.Error, File: file, Line: k.Line,
					Message: fmt.Sprintf("rubrique « %s » inconnue du thème (faute de frappe ?) ; attendu une rubrique de la liste de docs/sources.md, « Le thème »", key)})
				continue
			}
			walk(v, key+".", file, byKey, probs)
			continue
		}
		f, ok := byKey[key]
		if !ok && knownSection(key, byKey) {
			*probs = append(*probs, diag.Problem{Severity: diag.Error, File: file, Line: k.Line,
				Message: fmt.Sprintf("« %s » : attendu des lignes « clé: valeur » sous cette rubrique", key)})
			continue
		}
		if !ok {
			*probs = append(*probs, diag.Problem{Severity: diag.Error, File: file, Line: k.Line,
				Message: fmt.Sprintf("clé « %s » inconnue du thème (faute de frappe ?) ; attendu une clé de la liste de docs/sources.md, « Le thème »%s", key, nearest(key, byKey))})
			continue
		}
		if v.Kind != yaml.ScalarNode {
			*probs = append(*probs, diag.Problem{Severity: diag.Error, File: file, Line: k.Line,
				Message: fmt.Sprintf("« %s » : attendu %s", key, expected(f))})
			continue
		}
		if msg := set(f, strings.TrimSpace(v.Value)); msg != "" {
			*probs = append(*probs, diag.Problem{Severity: diag.Error, File: file, Line: k.Line,
				Message: fmt.Sprintf("« %s » : trouvé « %s », %s ; attendu %s", key, textnorm.Escape(v.Value), msg, expected(f))})
		}
	}
}

// knownSection reports whether some key starts with section.
func knownSection(section string, byKey map[string]field) bool {
	for k := range byKey {
		if strings.HasPrefix(k, section+".") {
			return true
		}
	}
	return false
}

// nearest lists the keys of key's section, when there are few.
func nearest(key string, byKey map[string]field) string {
	section := key
	if i := strings.LastIndex(key, "."); i >= 0 {
		section = key[:i]
	}
	var same []string
	for k := range byKey {
		if i := strings.LastIndex(k, "."); i >= 0 && k[:i] == section {
			same = append(same, k[i+1:])
		}
	}
	if len(same) == 0 || len(same) > 16 {
		return ""
	}
	sortStrings(same)
	return " ; clés de la rubrique « " + section + " » : " + strings.Join(same, ", ")
}

// expected says what a key accepts, in French.
func expected(f field) string {
	switch f.kind {
	case colour:
		return "une couleur « #RRVVBB » (six chiffres hexadécimaux, ex. « #1F4E79 »)"
	case points:
		return fmt.Sprintf("une taille en points de %s à %s", num(f.min), num(f.max))
	case size:
		return fmt.Sprintf("une taille en points de %s à %s, ou « corps », « corps - 1 », « corps + 2 » (relative à papier.taille_texte de cls.yaml)", num(f.min), num(f.max))
	case mm:
		return fmt.Sprintf("une longueur en mm de %s à %s", num(f.min), num(f.max))
	case ratio:
		return fmt.Sprintf("un multiple de la taille du texte, de %s à %s", num(f.min), num(f.max))
	case hatch:
		return "0 (aucune), 1 (obliques) ou 2 (croisées)"
	}
	return "une valeur"
}

func num(v float64) string { return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1) }

// set parses v into f's place; it returns why v is refused, or "".
func set(f field, v string) string {
	switch f.kind {
	case colour:
		c, ok := parseColour(v)
		if !ok {
			return "pas une couleur"
		}
		switch p := f.ptr.(type) {
		case *doc.Color:
			*p = c
		case stateFill:
			s := p.t.States[p.key]
			s.Fill = c
			p.t.States[p.key] = s
		case stateText:
			s := p.t.States[p.key]
			s.Text = c
			p.t.States[p.key] = s
		}
		return ""
	case hatch:
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 2 {
			return "hors des valeurs permises"
		}
		*f.ptr.(*int) = n
		return ""
	case size:
		if rest, ok := strings.CutPrefix(v, "corps"); ok {
			rest = strings.ReplaceAll(rest, " ", "")
			d := 0.0
			if rest != "" {
				var err error
				if d, err = parseNumber(rest); err != nil || (rest[0] != '+' && rest[0] != '-') {
					return "pas une taille relative"
				}
			}
			if d < -10 || d > 20 {
				return "écart au corps hors de -10 à +20 points"
			}
			*f.ptr.(*Size) = Size{Points: d, Relative: true}
			return ""
		}
		x, err := parseNumber(v)
		if err != nil {
			return "pas un nombre"
		}
		if x < f.min || x > f.max {
			return "hors limites"
		}
		*f.ptr.(*Size) = Size{Points: x}
		return ""
	}
	x, err := parseNumber(v)
	if err != nil {
		return "pas un nombre"
	}
	if x < f.min || x > f.max {
		return "hors limites"
	}
	*f.ptr.(*float64) = x
	return ""
}

// parseNumber reads a decimal number, with a point or a French comma.
func parseNumber(s string) (float64, error) {
	return strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
}

// parseColour reads « #RRGGBB ».
func parseColour(s string) (doc.Color, bool) {
	s = strings.TrimPrefix(s, "#")
	if len(s) != 6 {
		return doc.Color{}, false
	}
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return doc.Color{}, false
	}
	return doc.Color{R: uint8(n >> 16), G: uint8(n >> 8), B: uint8(n)}, true
}
