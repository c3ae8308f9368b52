package embed

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// verify checks the attachments of a PDF, measured, against its manifest,
// which is the authority: every name must be one cls writes, every
// attachment must be listed, every listed file attached, with the listed
// SHA-256. All problems are reported at once, as a diag.List naming the
// PDF; nothing is returned unless all is well. The attachments come back
// sorted by name, the manifest among them.
func verify(where string, raw []stored) ([]stored, error) {
	var manifests []stored
	for _, f := range raw {
		if f.name == ManifestName {
			manifests = append(manifests, f)
		}
	}
	if len(manifests) == 0 && len(raw) == 0 {
		return nil, noSources{notCls(where)}
	}
	if len(manifests) == 0 {
		return nil, notCls(where)
	}
	var m Manifest
	js, err := manifests[0].content()
	if err == nil {
		err = json.Unmarshal(js, &m)
	}
	if err != nil || m.Files == nil {
		return nil, fmt.Errorf("%s%s illisible ; attendu le manifeste JSON que cls écrit (version, fichiers et leurs SHA-256)", prefix(where), ManifestName)
	}
	var probs diag.List
	add := func(format string, args ...any) { probs.Errorf(where, "", "", format, args...) }
	if len(manifests) > 1 {
		add("%s joint %d fois ; attendu un seul manifeste", ManifestName, len(manifests))
	}
	q := func(name string) string { return "« " + textnorm.Escape(name) + " »" }
	refused := map[string]bool{}
	refuse := func(name string) bool {
		if refused[name] {
			return true
		}
		if why := CheckName(name); why != "" {
			refused[name] = true
			add("fichier joint %s refusé : %s ; %s", q(name), why, expectedNames)
			return true
		}
		return false
	}
	attached := map[string]bool{}
	var out []stored
	for _, f := range raw {
		switch {
		case f.name == ManifestName:
			continue
		case refuse(f.name):
			continue
		case attached[f.name]:
			add("fichier joint %s présent deux fois ; attendu chaque fichier une seule fois", q(f.name))
			continue
		}
		attached[f.name] = true
		want, listed := m.Files[f.name]
		switch {
		case !listed:
			add("fichier joint %s absent du manifeste %s ; attendu seulement les fichiers que le manifeste liste", q(f.name), ManifestName)
		case !validSum(want):
			// reported with the manifest's entries below
		case f.sum != want:
			add("fichier joint %s modifié : son SHA-256 (%s…) n'est pas celui du manifeste (%s…) ; attendu le fichier tel que cls l'a joint", q(f.name), f.sum[:12], textnorm.Escape(short(want)))
		default:
			out = append(out, f)
		}
	}
	listed := make([]string, 0, len(m.Files))
	for name := range m.Files {
		listed = append(listed, name)
	}
	sort.Strings(listed)
	for _, name := range listed {
		switch {
		case refuse(name):
		case !validSum(m.Files[name]):
			add("manifeste %s : SHA-256 de %s invalide ; attendu 64 chiffres hexadécimaux", ManifestName, q(name))
		case !attached[name]:
			add("fichier %s listé dans le manifeste mais absent des fichiers joints ; attendu tous les fichiers du manifeste", q(name))
		}
	}
	if _, ok := m.Files["cls.yaml"]; !ok {
		add("le manifeste %s ne liste pas cls.yaml ; attendu cls.yaml parmi les fichiers joints", ManifestName)
	}
	clashes(listed, refused, add)
	if len(probs) > 0 {
		return nil, capped(probs, where)
	}
	out = append(out, manifests[0])
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// clashes reports names that would land on the same file: equal but for
// case (one overwrites the other on Windows and macOS), or a file where
// another name needs a folder. It also allows one logo only.
func clashes(names []string, refused map[string]bool, add func(string, ...any)) {
	folded := map[string]string{}
	files := map[string]bool{}
	var logos []string
	for _, n := range names {
		if !refused[n] {
			files[n] = true
		}
	}
	for _, n := range names {
		if refused[n] {
			continue
		}
		q := "« " + textnorm.Escape(n) + " »"
		f := strings.ToLower(n)
		if other, ok := folded[f]; ok {
			add("fichiers joints « %s » et %s : même nom à la casse près ; attendu des noms distincts", textnorm.Escape(other), q)
		}
		folded[f] = n
		for i := strings.Index(n, "/"); i >= 0; i = next(n, i) {
			if files[n[:i]] {
				add("fichier joint %s : « %s » est aussi un fichier joint ; attendu un dossier", q, textnorm.Escape(n[:i]))
			}
		}
		if isLogo(n) {
			logos = append(logos, q)
		}
	}
	if len(logos) > 1 {
		add("plusieurs images jointes (%s) ; attendu un seul logo", strings.Join(logos, ", "))
	}
}

// next is the index of the next "/" in s after i, or -1.
func next(s string, i int) int {
	j := strings.Index(s[i+1:], "/")
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// validSum reports whether s is a hex SHA-256 as Sum writes it.
func validSum(s string) bool {
	if len(s) != 64 || strings.ToLower(s) != s {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// short is the start of a hash, for messages.
func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// capped keeps the first maxProblems problems and says how many more.
func capped(probs diag.List, where string) diag.List {
	if len(probs) <= maxProblems {
		return probs
	}
	rest := len(probs) - maxProblems
	probs = probs[:maxProblems:maxProblems]
	probs.Errorf(where, "", "", "… et %d autre(s) problème(s) dans les fichiers joints", rest)
	return probs
}
