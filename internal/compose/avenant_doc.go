package compose

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/frdate"
	"github.com/contrat-local-sante/cls/internal/model"
)

// AvenantSet is the folder of the templates that write an avenant.
const AvenantSet = "avenant"

// avenantData is what the avenant's templates can name: everything the
// contract's templates can, plus the avenant and those before it.
type avenantData struct {
	templateData
	Avenant            avenantInfo
	AvenantsPrecedents []avenantInfo
}

// avenantInfo is a line of the register, its dates in words.
type avenantInfo struct {
	Numero                   int
	Objet                    string
	DateCopil, DateSignature string
	Ajoutees, Modifiees      []string // fiche codes
	Partenaires, Membres     string
}

func newAvenantInfo(a model.Avenant) avenantInfo {
	return avenantInfo{
		Numero: a.Number, Objet: a.Object,
		DateCopil: frdate.Words(a.CopilDate), DateSignature: frdate.Words(a.SignatureDate),
		Ajoutees: a.Added, Modifiees: a.Modified, Partenaires: a.Partners, Membres: a.Members,
	}
}

// avenantComposer is the state of one avenant's composition.
type avenantComposer struct {
	*composer
	a      model.Avenant
	old    map[string]model.Fiche // the fiches before the avenant
	fiches map[string]model.Fiche // the fiches after it
	full   []string               // fiches printed in full at the end
	meta   doc.Meta
}

// ComposeAvenant builds avenant n as a document of its own, from the
// templates of templates/avenant/ (or the shipped ones): cover, parties,
// visas, articles saying what it adds or changes, signature page, new
// fiches in full. The changed fields of modified fiches come from the
// difference between the sources before it (old) and after it (c); old
// may be nil when the avenant modifies no fiche.
func ComposeAvenant(c, old *model.Contract, n int, m Measurer, fonts chart.Fonts) (*doc.Document, diag.List) {
	k := newComposer(c, m, fonts)
	if n < 1 || n > len(c.Avenants) {
		if len(c.Avenants) == 0 {
			k.probs.Errorf(c.Files.Contrat, "Avenants", "", "avenant n° %d absent du registre, qui n'en contient aucun ; attendu une ligne par avenant dans la feuille « Avenants » (voir docs/sources.md, 6.2)", n)
		} else {
			k.probs.Errorf(c.Files.Contrat, "Avenants", "", "avenant n° %d absent du registre ; attendu un numéro entre 1 et %d", n, len(c.Avenants))
		}
		return nil, k.probs
	}
	a := c.Avenants[n-1]
	if len(a.Modified) > 0 && old == nil {
		k.probs.Errorf(c.Files.Contrat, "Avenants", "", "l'avenant n° %d modifie des fiches (%s) : attendu les sources d'avant l'avenant (option --avant : le contrat PDF signé précédent, ou son dossier) pour en dire les changements", n, strings.Join(a.Modified, ", "))
		return nil, k.probs
	}
	ak := &avenantComposer{composer: k, a: a, fiches: map[string]model.Fiche{}, old: map[string]model.Fiche{}}
	for _, f := range c.Fiches {
		ak.fiches[f.Code] = f
	}
	if old != nil {
		for _, f := range old.Fiches {
			ak.old[f.Code] = f
		}
	}
	ak.full = append(ak.full, a.Added...)
	for _, code := range a.Modified {
		if _, ok := ak.old[code]; !ok {
			ak.full = append(ak.full, code) // new to the signed version: shown whole
		}
	}

	data := avenantData{templateData: newTemplateData(c), Avenant: newAvenantInfo(a)}
	for _, prev := range c.Avenants[:n-1] {
		data.AvenantsPrecedents = append(data.AvenantsPrecedents, newAvenantInfo(prev))
	}
	k.setData = data
	ak.meta = k.meta()
	ak.meta.Subject = a.Object
	if a.SignatureDate != "" {
		ak.meta.CreationDate = a.SignatureDate
	}
	k.directives = map[string]func(directive, model.Template) []doc.Block{
		"document":         ak.document,
		"couverture":       ak.cover,
		"fiches-modifiees": ak.modified,
		"fiches-ajoutees":  ak.added,
	}
	var out []doc.Block
	for _, t := range templateSet(c, AvenantSet) {
		out = append(out, k.template(t, 0)...)
	}
	expandSigles(c, out)
	return &doc.Document{Meta: ak.meta, Blocks: out}, k.probs
}

// params returns a directive's parameters, and reports those it lacks,
// all in one error located at the directive: every one is required.
func (ak *avenantComposer) params(d directive, t model.Template) (map[string]string, bool) {
	var missing []string
	for _, p := range slices.Sorted(maps.Keys(avenantParams[d.Name])) {
		if _, set := d.Params[p]; !set {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		ak.probs = append(ak.probs, problemAt(t, d.Line,
			fmt.Sprintf("directive « %s » : %s%s ; attendu une ligne « nom: texte » pour chacun (voir docs/sources.md, 6.6)", d.Name, plural(len(missing), "paramètre absent : ", "paramètres absents : "), strings.Join(missing, ", ")), d.Text))
		return nil, false
	}
	return d.Params, true
}

// avenantParams are the parameters of the avenant's directives; "mention"
// stands for mention1, mention2, …
var avenantParams = map[string]map[string]bool{
	"document":         {"titre": true, "en-tete": true, "pied-de-page": true},
	"couverture":       {"surtitre": true, "mention": true},
	"fiches-modifiees": {"titre": true, "rubrique": true, "avant": true, "apres": true, "vide": true, "absente": true, "inchangee": true},
	"fiches-ajoutees":  {},
}

// mention returns the number of a « mentionN » parameter.
func mention(key string) (int, bool) {
	rest, ok := strings.CutPrefix(key, "mention")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}

// unknown reports the parameters of d its directive does not take: a typo
// (« sur-titre: ») would otherwise be ignored silently.
func (ak *avenantComposer) unknown(d directive, t model.Template) {
	known := avenantParams[d.Name]
	for _, key := range slices.Sorted(maps.Keys(d.Params)) {
		if _, isMention := mention(key); known[key] || known["mention"] && isMention {
			continue
		}
		ak.probs = append(ak.probs, problemAt(t, d.Line,
			fmt.Sprintf("directive « %s » : paramètre « %s » inconnu ; attendu %s", d.Name, key,
				strings.Replace(cmp.Or(strings.Join(slices.Sorted(maps.Keys(known)), ", "), "aucun paramètre"), "mention", "mention1, mention2, … (le numéro donne l'ordre)", 1)), d.Text))
	}
}

// document sets the PDF's title and the running header and footer:
// titre, en-tete, pied-de-page (each optional).
func (ak *avenantComposer) document(d directive, t model.Template) []doc.Block {
	ak.unknown(d, t)
	for key, field := range map[string]*string{"titre": &ak.meta.Title, "en-tete": &ak.meta.HeaderText, "pied-de-page": &ak.meta.FooterText} {
		if v, ok := d.Params[key]; ok {
			*field = v
		}
	}
	return nil
}

// cover is the contract's cover with the avenant's words: surtitre (the
// line above the title) and mention1, mention2, … (the lines at the foot,
// in their numbers' order) replace the contract's.
func (ak *avenantComposer) cover(d directive, t model.Template) []doc.Block {
	ak.unknown(d, t)
	cv := ak.composer.cover()
	if v, ok := d.Params["surtitre"]; ok {
		cv.Kicker = v
	}
	type line struct {
		n    int
		text string
	}
	var lines []line
	for key, v := range d.Params {
		if n, ok := mention(key); ok {
			lines = append(lines, line{n, v})
		}
	}
	if len(lines) > 0 {
		sort.Slice(lines, func(i, j int) bool { return lines[i].n < lines[j].n })
		cv.Footer = nil
		for _, l := range lines {
			cv.Footer = append(cv.Footer, l.text)
		}
	}
	return []doc.Block{cv}
}

// modified writes, for each fiche the avenant modifies, its title and the
// table of its changed fields before and after; the words come from the
// directive: titre (with {code} and {intitule}), rubrique, avant, apres
// (the column heads), vide (an empty field), absente (a fiche the previous
// version did not have), inchangee (a fiche with no field changed). The
// fields' names come from the labels (fieldLabels).
func (ak *avenantComposer) modified(d directive, t model.Template) []doc.Block {
	ak.unknown(d, t)
	p, ok := ak.params(d, t)
	if !ok {
		return nil
	}
	var out []doc.Block
	for _, code := range ak.a.Modified {
		f := ak.fiches[code]
		title := strings.NewReplacer("{code}", code, "{intitule}", f.Title).Replace(p["titre"])
		out = append(out, ak.heading(doc.Heading{Level: 3, Text: []doc.Inline{{Text: frenchSpaces(title)}}}))
		o, ok := ak.old[code]
		if !ok {
			out = append(out, cellBlocks(p["absente"])...)
			continue
		}
		changes := model.FicheChanges(o, f)
		if len(changes) == 0 {
			out = append(out, cellBlocks(p["inchangee"])...)
			continue
		}
		orNone := func(s string) []doc.Block {
			if strings.TrimSpace(s) == "" {
				return []doc.Block{para(p["vide"], doc.Italic)}
			}
			return cellBlocks(s)
		}
		tb := doc.Table{Widths: []float64{2, 4, 4}, HeaderRows: 1, Role: doc.RoleGridTable}
		head := func(s string) doc.Cell { return doc.Cell{Blocks: []doc.Block{para(s, doc.Bold)}, Role: doc.RoleHead} }
		tb.Rows = append(tb.Rows, doc.Row{Cells: []doc.Cell{head(p["rubrique"]), head(p["avant"]), head(p["apres"])}})
		for _, ch := range changes {
			tb.Rows = append(tb.Rows, doc.Row{Cells: []doc.Cell{label(ak.word(fieldLabels[ch.Key])), {Blocks: orNone(ch.Old)}, {Blocks: orNone(ch.New)}}})
		}
		out = append(out, tb)
	}
	return out
}

// added writes in full the fiches the avenant adds, and those it modifies
// that the previous version did not have.
func (ak *avenantComposer) added(d directive, t model.Template) []doc.Block {
	ak.unknown(d, t)
	axes := map[string]model.Axe{}
	for _, x := range ak.c.Axes {
		axes[x.Number] = x
	}
	var out []doc.Block
	for _, code := range ak.full {
		f := ak.fiches[code]
		out = append(out, ak.fiche(axes[f.Axe], f)...)
	}
	return out
}

// plural chooses between the singular and the plural form.
func plural(n int, one, many string) string {
	if n > 1 {
		return many
	}
	return one
}

// fieldLabels are the labels (templates/libelles.yaml) of a modified
// fiche's fields, by model.FicheChanges key: the fiche table's own row
// label where it has one, so that the avenant names a field as the fiche
// does, and a word of « fiches_modifiees » for the others.
var fieldLabels = map[string]string{
	model.FieldAxe:          "fiche.axe_strategique",
	model.FieldTitle:        "fiches_modifiees.intitule",
	model.FieldStatus:       "fiches_modifiees.statut",
	model.FieldArticulation: "fiche.articulation",
	model.FieldGoal:         "fiche.objectif_general",
	model.FieldOwner:        "fiche.porteur",
	model.FieldAudience:     "fiche.public",
	model.FieldSteps:        "fiche.deroule",
	model.FieldPartners:     "fiche.partenaires",
	model.FieldTools:        "fiche.outils",
	model.FieldObjectives:   "fiches_modifiees.objectifs",
	model.FieldEvaluation:   "fiches_modifiees.evaluation",
}

// CheckAvenant finds, without an avenant to compose, what would stop one:
// a {{ ref }} of the avenant's templates (the territory's or the shipped
// ones) citing a label no heading of the contract carries. It is an error
// once the register holds an avenant, and nothing before: a territory
// writes its labels when it first needs them.
func CheckAvenant(c *model.Contract) diag.List {
	if len(c.Avenants) == 0 {
		return nil
	}
	return checkRefs(c, templateSet(c, AvenantSet), diag.Error)
}
