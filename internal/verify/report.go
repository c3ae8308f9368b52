package verify

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Write prints the report in French for the coordinator or the
// signatory office, where naming the copy: which build it derives from,
// who signed what, whether the sources match, then the verdict.
func (r *Report) Write(w io.Writer, where string) {
	fmt.Fprintf(w, "Copie vérifiée : %s (%s octets, %s)\n", where, group(r.Size), plural(len(r.Revisions), "révision", "révisions"))
	switch {
	case len(r.Expected) == 0:
		fmt.Fprintf(w, "Construction d'origine : INCONNUE – aucune empreinte trouvée (ni --empreinte, ni %s.sha256 à côté de la copie, ni fichier .sha256 dans %s/, ni PDF dans %s/archive/) ; donnez le SHA-256 de la construction avec --empreinte\n", where, OutputDir, OutputDir)
	case r.Original == 0:
		fmt.Fprintf(w, "Construction d'origine : INTROUVABLE – aucun début de la copie n'a le SHA-256 attendu (%s) : la copie ne dérive pas de cette construction, ou ses octets d'origine ont été modifiés\n", r.sums())
	default:
		fmt.Fprintf(w, "Construction d'origine : intacte – les %s premiers octets (révision %d sur %d) ont le SHA-256 %s (%s)\n",
			group(r.OriginalSize), r.Original, len(r.Revisions), r.Matched.Sum, from(r.Matched))
		if r.Original < len(r.Revisions) {
			fmt.Fprintf(w, "  %s ensuite (signatures ou autres modifications)\n", plural(len(r.Revisions)-r.Original, "révision ajoutée", "révisions ajoutées"))
		}
	}
	if r.Version != "" {
		fmt.Fprintf(w, "Version : %s\n", textnorm.Escape(r.Version))
	}
	r.writeSignatures(w)
	if r.NoSources {
		fmt.Fprintln(w, "Sources jointes : aucune (cls les joint au contrat, pas aux avenants ni aux annexes d'évaluation)")
	} else if r.SourcesErr != nil {
		fmt.Fprintf(w, "Sources jointes : NON CONFORMES à leur manifeste\n%s\n", indent(r.SourcesErr.Error()))
	} else {
		fmt.Fprintf(w, "Sources jointes : %s, conformes au manifeste\n", plural(r.Sources, "fichier", "fichiers"))
	}
	if r.OK() {
		fmt.Fprintln(w, "Résultat : la copie contient la construction d'origine intacte, avec ses sources.")
	} else {
		fmt.Fprintln(w, "Résultat : ÉCHEC de la vérification.")
	}
}

// writeSignatures lists the signature fields and what each signature
// covers.
func (r *Report) writeSignatures(w io.Writer) {
	if r.FieldsErr != nil {
		fmt.Fprintf(w, "Signatures : %s\n", r.FieldsErr)
		return
	}
	signed := 0
	for _, s := range r.Signatures {
		if s.Signed {
			signed++
		}
	}
	if len(r.Signatures) == 0 {
		fmt.Fprintln(w, "Signatures : aucun champ de signature")
		return
	}
	fmt.Fprintf(w, "Signatures : %s, %s\n", plural(len(r.Signatures), "champ", "champs"), plural(signed, "signé", "signés"))
	for _, s := range r.Signatures {
		field := "« " + textnorm.Escape(s.Field) + " »"
		if !s.Signed {
			fmt.Fprintf(w, "  %s : non signé\n", field)
			continue
		}
		var parts []string
		if s.Name != "" {
			parts = append(parts, "par "+textnorm.Escape(s.Name))
		} else {
			parts = append(parts, "signataire non indiqué (/Name absent)")
		}
		if s.Date != "" {
			parts = append(parts, "le "+textnorm.Escape(s.Date))
		}
		if s.Reason != "" {
			parts = append(parts, "motif : "+textnorm.Escape(s.Reason))
		}
		if s.Location != "" {
			parts = append(parts, "lieu : "+textnorm.Escape(s.Location))
		}
		fmt.Fprintf(w, "  %s : signé %s\n", field, strings.Join(parts, ", "))
		switch {
		case s.Covers == 0:
			fmt.Fprintln(w, "    sa plage signée (/ByteRange) ne couvre pas le document jusqu'à la fin d'une révision")
		case s.Covers == len(r.Revisions):
			fmt.Fprintln(w, "    couvre tout le document")
		default:
			fmt.Fprintf(w, "    couvre le document jusqu'à la révision %d ; %s après cette signature\n", s.Covers, plural(len(r.Revisions)-s.Covers, "révision ajoutée", "révisions ajoutées"))
		}
	}
}

// sums lists the SHA-256 looked for, with where each came from.
func (r *Report) sums() string {
	if len(r.Expected) == 1 {
		return r.Expected[0].Sum + ", " + from(r.Expected[0])
	}
	return fmt.Sprintf("celui de l'une des %d constructions de %s/ et %s/archive/", len(r.Expected), OutputDir, OutputDir)
}

// from says where an expected SHA-256 came from.
func from(e Expected) string {
	if e.From == "--empreinte" {
		return "donné par --empreinte"
	}
	return "celui de " + textnorm.Escape(e.From)
}

// group writes n in digits, as cls build writes sizes.
func group(n int) string { return strconv.Itoa(n) }

// plural writes n and the noun, singular for 0 and 1 as French does.
func plural(n int, one, many string) string {
	if n <= 1 {
		return strconv.Itoa(n) + " " + one
	}
	return group(n) + " " + many
}

// indent puts each line of s two spaces in.
func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}
