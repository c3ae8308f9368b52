// Package frgram writes the small words French grammar puts around a name:
// its definite article with elision (la Communauté, l'État), the article
// contracted with « de » and « à » (du Département, aux Hôpitaux), and the
// agreement of a word with the name's gender and number (représentée).
//
// A territory's partners change from one contract to the next, so the
// templates cannot spell these words out: they come from the name itself
// (« La Communauté… » carries its article; « Communauté… » is feminine by
// its first word) or from the workbook, where the coordinator says what
// the name cannot (an acronym, an unusual institution).
package frgram

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The articles a name may take, as typed in a workbook's « Article »
// column or in cls.yaml.
const (
	La     = "la"
	Le     = "le"
	Elided = "l'"
	Les    = "les"
	Bare   = "aucun" // a name that takes no article: a town, « Bernay »
)

// Gender is a name's grammatical gender.
type Gender int8

// Genders. Unknown is the zero value: agreement then uses the masculine,
// which French takes as the unmarked form.
const (
	Unknown Gender = iota
	Feminine
	Masculine
)

// Noun is a name with what grammar needs to know of it.
type Noun struct {
	// Name is the name without its article, as typed: « Communauté
	// d'Agglomération… », « État ».
	Name string
	// Article is La, Le, Elided, Les, Bare, or "" when it could not be
	// decided (the name is then written without article).
	Article string
	Gender  Gender
	apos    string // the apostrophe the name is typed with, ' or ’
}

// ParseArticle reads an « Article » cell: la, le, l', les or aucun, in
// any case, with a straight or curly apostrophe; "" for an empty cell.
// ok is false for anything else.
func ParseArticle(s string) (article string, ok bool) {
	switch strings.ToLower(strings.TrimSpace(strings.ReplaceAll(s, "’", "'"))) {
	case "":
		return "", true
	case "la":
		return La, true
	case "le":
		return Le, true
	case "l'", "l":
		return Elided, true
	case "les":
		return Les, true
	case "aucun", "aucune", "-":
		return Bare, true
	}
	return "", false
}

// ParseGender reads a « Genre » cell: f or m (féminin, masculin), in any
// case; Unknown for an empty cell. ok is false for anything else.
func ParseGender(s string) (g Gender, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return Unknown, true
	case "f", "féminin", "feminin", "fém", "fem":
		return Feminine, true
	case "m", "masculin", "masc":
		return Masculine, true
	}
	return Unknown, false
}

// Decide works out how name is used in a sentence. article and gender are
// what the coordinator gave (ParseArticle, ParseGender), "" and Unknown
// when nothing; what they leave open comes from the name: an article it
// starts with (« La Communauté… », « L'Agence… »), then its first word
// (« Département » is masculine, see nouns.go). A name that starts with
// its article is never given a second one.
func Decide(name, article string, gender Gender) Noun {
	name = strings.TrimSpace(name)
	n := Noun{Name: name, Article: article, Gender: gender, apos: apostrophe(name)}
	if article != Bare {
		if own, rest := leadingArticle(name); own != "" {
			n.Name = rest
			if n.Article == "" {
				n.Article = own
			}
		}
	}
	if n.Gender == Unknown {
		switch n.Article {
		case La:
			n.Gender = Feminine
		case Le:
			n.Gender = Masculine
		default:
			n.Gender = genderOf(n.Name)
		}
	}
	if n.Article == "" && n.Gender != Unknown {
		n.Article = La
		if n.Gender == Masculine {
			n.Article = Le
		}
	}
	if (n.Article == La || n.Article == Le) && elides(n.Name) {
		n.Article = Elided
	}
	return n
}

// ArticleKnown reports whether the article was decided.
func (n Noun) ArticleKnown() bool { return n.Article != "" }

// GenderKnown reports whether the gender was decided; a name without
// article does not need one unless a word agrees with it.
func (n Noun) GenderKnown() bool { return n.Gender != Unknown }

// Plural reports whether the name is plural (« les … »).
func (n Noun) Plural() bool { return n.Article == Les }

// The writes the name with its article: « la Communauté… », « le
// Département… », « l'État », « les Hôpitaux… », « Bernay ».
func (n Noun) The() string {
	switch n.Article {
	case La, Le:
		return n.Article + " " + n.Name
	case Elided:
		return "l" + n.apos + n.Name
	case Les:
		return "les " + n.Name
	}
	return n.Name
}

// Of writes the name after « de »: « de la Communauté… », « du
// Département… », « de l'État », « des Hôpitaux… », « de Bernay »,
// « d'Évreux ».
func (n Noun) Of() string {
	switch n.Article {
	case La:
		return "de la " + n.Name
	case Le:
		return "du " + n.Name
	case Elided:
		return "de l" + n.apos + n.Name
	case Les:
		return "des " + n.Name
	}
	if elides(n.Name) {
		return "d" + n.apos + n.Name
	}
	return "de " + n.Name
}

// To writes the name after « à »: « à la Communauté… », « au
// Département… », « à l'État », « aux Hôpitaux… », « à Bernay ».
func (n Noun) To() string {
	switch n.Article {
	case La:
		return "à la " + n.Name
	case Le:
		return "au " + n.Name
	case Elided:
		return "à l" + n.apos + n.Name
	case Les:
		return "aux " + n.Name
	}
	return "à " + n.Name
}

// Agree writes a word agreeing with the name. With one form, the
// masculine singular of a regular word, the others are made by adding
// « e » and « s » (représenté, représentée, représentés, représentées);
// irregular words give their forms: masculine, feminine, then masculine
// and feminine plural (« son » « sa » « leurs » « leurs »). A missing
// plural form is the singular plus « s ».
func (n Noun) Agree(forms ...string) string {
	if len(forms) == 0 {
		return ""
	}
	masc := forms[0]
	fem := feminine(masc)
	if len(forms) > 1 {
		fem = forms[1]
	}
	mascPl, femPl := plural(masc), plural(fem)
	if len(forms) > 2 {
		mascPl, femPl = forms[2], forms[2]
	}
	if len(forms) > 3 {
		femPl = forms[3]
	}
	switch {
	case n.Plural() && n.Gender == Feminine:
		return femPl
	case n.Plural():
		return mascPl
	case n.Gender == Feminine:
		return fem
	}
	return masc
}

// Capitalize writes the first letter of s as a capital, accent kept:
// « à Bernay » → « À Bernay », « état » → « État ».
func Capitalize(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
		}
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			return s
		}
	}
	return s
}

func feminine(w string) string {
	if strings.HasSuffix(w, "e") {
		return w
	}
	return w + "e"
}

func plural(w string) string {
	if strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") {
		return w
	}
	return w + "s"
}

// leadingArticle splits the article a name starts with from the rest:
// « La Communauté… » → la, « Communauté… ».
func leadingArticle(name string) (article, rest string) {
	lower := strings.ToLower(name)
	for _, a := range []struct{ prefix, article string }{{"la ", La}, {"le ", Le}, {"les ", Les}, {"l'", Elided}, {"l’", Elided}} {
		if strings.HasPrefix(lower, a.prefix) {
			rest := strings.TrimSpace(name[len(a.prefix):])
			if rest != "" {
				return a.article, rest
			}
		}
	}
	return "", name
}

// firstWord is the name's first word, in lower case: « Communauté
// d'Agglomération » → « communauté », « Hauts-de-France » → « hauts ».
func firstWord(name string) string {
	end := strings.IndexFunc(name, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(name)
	}
	return strings.ToLower(name[:end])
}

// elides reports whether an article before name drops its vowel: a name
// that starts with a vowel, or with an h that is not aspirated.
func elides(name string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	switch unicode.ToLower(r) {
	case 'a', 'à', 'â', 'ä', 'e', 'é', 'è', 'ê', 'ë', 'i', 'î', 'ï', 'o', 'ô', 'ö', 'u', 'ù', 'û', 'ü', 'y', 'œ', 'æ':
		return true
	case 'h':
		if isUpperWord(name) {
			return false // an acronym: « la HAS »
		}
		return !aspirated[firstWord(name)]
	}
	return false
}

// isUpperWord reports whether the first word is an acronym in capitals.
func isUpperWord(name string) bool {
	w := name
	if i := strings.IndexFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		w = name[:i]
	}
	return utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) == w
}

// apostrophe is the apostrophe name is typed with, so that the words
// added around it match: curly when the name has one, straight otherwise.
func apostrophe(name string) string {
	s, c := strings.Index(name, "'"), strings.Index(name, "’")
	if c >= 0 && (s < 0 || c < s) {
		return "’"
	}
	return "'"
}
