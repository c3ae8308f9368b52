// Package model is the typed contract: who signs, who governs, the
// dispositifs, the sigles, the axes and fiches actions, and the prose
// templates. The read stage fills it; the check stage validates it; the
// compose stage turns it into a document.
package model

import (
	"fmt"

	"github.com/contrat-local-sante/cls/internal/frdate"
	"github.com/contrat-local-sante/cls/internal/frgram"
	"github.com/contrat-local-sante/cls/internal/frnum"

	"github.com/contrat-local-sante/cls/internal/labels"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// Contract is everything a CLS is made of.
type Contract struct {
	Territory     Territory
	Document      DocumentInfo
	Signature     Signature
	Signatories   []Signatory
	Steering      []Member // comité de pilotage (institutions)
	Technical     []Member // comité technique (institutions)
	Present       []Person // members present at the signature
	Actors        []Member // acteurs mobilisés
	WorkingGroups []WorkingGroup
	Levels        []Level // échelons of the dispositifs, each with its dispositifs
	Sigles        []Sigle
	OtherSigles   []Sigle       // used and explained, but not printed in the signed list (sheet « Autres sigles »)
	CapitalWords  []CapitalWord // words written in capitals that are not sigles (sheet « Mots en capitales »)
	Axes          []Axe
	Fiches        []Fiche
	Avenants      []Avenant   // the register of amendments, in order
	Stats         []StatTable // diagnostic statistics, one table per sheet
	Charts        []ChartSpec // charts described in the workbooks
	Templates     []Template  // prose sections, in document order
	TemplateFiles map[string]Template
	Labels        *labels.Labels // short printed words (templates/libelles.yaml, or the shipped ones)
	Theme         *theme.Theme   // colours, sizes, spacing (templates/theme.yaml, or the shipped ones)
	Files         Files          // the workbooks' paths as the user knows them, for messages
	SourceFiles   []SourceFile   // every input file, for embedding and diffs
	Texts         []CellText     // every text cell read from the workbooks but sigles.xlsx, in reading order
	// Incomplete is set when reading found errors: some sheets or cells
	// may be missing, so the checks that infer a problem from an absence
	// (no signatory, a sigle never used, an axe without fiche) stay quiet
	// rather than bury the real error under their echoes.
	Incomplete bool
}

// Files are the workbooks' paths as shown in messages.
type Files struct {
	Contrat, Fiches, Sigles, Diagnostic, Templates string
}

// Territory names the territory.
type Territory struct {
	Name  string // "Communauté d'Agglomération …"
	Short string // sigle, e.g. "CALN"
	// Article and Gender are what cls.yaml says of the name's grammar
	// (territoire.article, territoire.genre), empty when it says nothing:
	// see Noun.
	Article string
	Gender  frgram.Gender
	Origin  string // where the name was set (« cls.yaml »), for messages
}

// DocumentInfo is the title and metadata.
type DocumentInfo struct {
	Title      string // "Contrat Local de Santé"
	Period     string // "2025 – 2029"
	ShortTitle string // running header
	Author     string
	Subject    string
	Keywords   string
	Date       string // creation date, YYYY-MM-DD
	Logo       string // optional image for the cover
	Kicker     string // line above the title on the cover
}

// Signature is where and when the contract is signed.
type Signature struct {
	Place string
	Date  string // in words, "10 juillet 2025"
}

// Signatory is a party that signs.
type Signatory struct {
	Institution    string // as in article 1
	Representation string // "son Président, Monsieur …"
	Name           string
	Title          string // as on the signature page
	Party          string // as on the cover
	// Article and Gender are the optional « Article » and « Genre »
	// columns, empty when left blank: see Noun.
	Article string
	Gender  frgram.Gender
	Cell    string // A1 reference of the Institution cell, for messages
}

// Member is a named institution or actor.
type Member struct {
	Name string
}

// String returns the name, so templates can list members directly.
func (m Member) String() string { return m.Name }

// Person is someone present at the signature.
type Person struct {
	Name  string
	Title string
}

// WorkingGroup is one of the groupes de travail.
type WorkingGroup struct {
	Axe          string
	Title        string
	Date         string
	Participants int
}

// Level is an échelon with its dispositifs.
type Level struct {
	Name        string
	Intro       string
	Dispositifs []Dispositif
}

// Dispositif is an existing scheme the contract links with.
type Dispositif struct {
	Name  string
	Short string // label in the overview diagram
	Text  string // path of its template, relative to the templates folder
}

// Sigle is an acronym and what it stands for.
type Sigle struct {
	Sigle, Definition string
	Cell              string // A1 reference of its row's Sigle cell, for messages
}

// CapitalWord is a word a territory writes in capitals that is not a sigle
// (a name, « SOS », « SHIFT »): the sigles check does not ask for its
// definition.
type CapitalWord struct {
	Word string
	Cell string // A1 reference, for messages
}

// CellText is a text cell as the reader took it from a workbook. Checks on
// words (the sigles) scan these rather than the model's fields, so that
// every cell that can print is seen, and a word is reported with the cell
// where it was typed.
type CellText struct {
	File, Sheet, Cell string
	Text              string
}

// Axe is a strategic axis grouping fiches.
type Axe struct {
	Number       string
	Title        string
	SummaryTitle string // title in the synthèse, when different
}

// Fiche is a fiche action.
type Fiche struct {
	Code         string // "FA2.3"
	Axe          string
	Title        string
	SummaryTitle string
	ContextTitle string
	AxeLabel     string // axe wording in the fiche's table, when different
	ContextCell  string // A1 reference of its « Titre du contexte » cell, for messages
	Status       string // StatusRenewed, StatusNew, or "" when the fiche says neither
	Articulation string
	Goal         string
	SummaryGoal  string
	Owner        string
	Audience     string
	Steps        string // déroulé
	Partners     string
	Tools        string
	Objectives   []Objective
	Evaluation   []Indicator
	Avenant      int    // the avenant that introduced or last changed it; 0 for the initial contract
	Change       string // ChangeAdded or ChangeModified, with Avenant
	AddedBy      int    // the avenant that added it; 0 for a fiche of the signed contract
}

// Fiche statuses, as the workbook writes them.
const (
	StatusRenewed = "renouvelée"
	StatusNew     = "nouvelle"
)

// Avenant is an amendment to the contract (Article 9 of the cadre
// conventionnel), validated by the comité de pilotage and signed.
type Avenant struct {
	Number        int
	CopilDate     string // YYYY-MM-DD
	SignatureDate string // YYYY-MM-DD
	Object        string
	Added         []string // codes of the fiches it adds
	Modified      []string // codes of the fiches it changes
	Partners      string   // partners it associates, free text
	Members       string   // COPIL members it adds, free text
}

// Changes of a fiche by an avenant.
const (
	ChangeAdded    = "ajoutée"
	ChangeModified = "modifiée"
)

// Objective is an objectif stratégique with its objectifs opérationnels.
type Objective struct {
	Number      string
	Text        string
	Operational []Operational
}

// Operational is an objectif opérationnel.
type Operational struct {
	Number string
	Text   string
}

// Indicator is one evaluation criterion or indicator.
type Indicator struct {
	Kind string // "processus", "résultats", or "" for a plain list
	Type string // "critère", "indicateur", or ""
	Text string
}

// Template is a prose template file.
type Template struct {
	Name string // path relative to the templates folder
	Path string // path on disk, for messages
	Text string
}

// SourceFile is an input file and its bytes.
type SourceFile struct {
	Name    string // path relative to the project, slash-separated
	Content []byte
}

// StatTable is a table of figures from a workbook sheet: categories (rows)
// by series (columns).
type StatTable struct {
	File     string // workbook, for messages
	Sheet    string
	Title    string
	Source   string // "INSEE 2021"
	Unit     string // appended to values in printed tables
	Category string // header of the category column
	Series   []string
	Rows     []StatRow
}

// StatRow is one category and its values, one per series; Set tells which
// cells hold a value (a blank cell is not a zero).
type StatRow struct {
	Label    string
	Values   []float64
	Set      []bool
	Decimals []int    // decimals the cell shows (its number format, or as typed); -1 when unknown
	Cells    []string // A1 references, for messages
	Shown    []string // the cell's text where its format adds to the number (« 14,2 % »); nil or "": the number with its decimals
}

// Text writes a value of the row the way its cell shows it, in French.
func (r StatRow) Text(col int) string {
	if col < len(r.Shown) && r.Shown[col] != "" {
		return r.Shown[col]
	}
	if d := r.Decimals[col]; d >= 0 {
		return frnum.Format(r.Values[col], d)
	}
	return frnum.Plain(r.Values[col])
}

// Lookup finds the row of a category and the column of a series.
func (t *StatTable) Lookup(category, series string) (StatRow, int, bool) {
	col := -1
	for i, s := range t.Series {
		if s == series {
			col = i
		}
	}
	if col < 0 {
		return StatRow{}, 0, false
	}
	for _, r := range t.Rows {
		if r.Label == category {
			return r, col, r.Set[col]
		}
	}
	return StatRow{}, 0, false
}

// ChartSpec describes a chart: which table, which series, how drawn.
type ChartSpec struct {
	ID        string
	File      string // workbook holding the data
	Sheet     string
	Category  string   // category column header; the first column when empty
	Series    []string // series to draw; all when empty
	Kind      string   // ChartBars or ChartHBars
	Title     string
	ValueAxis string
	Ref       string // where the chart is described, for messages ("sources/diagnostic.xlsx", "Graphiques", "A3")
	RefSheet  string
	RefCell   string
	Data      *StatTable // resolved by the reader
}

// Chart kinds.
const (
	ChartBars  = "barres"
	ChartHBars = "barres horizontales"
)

// Version says which version of the contract the sources give: the initial
// one, or the one consolidated with the last avenant.
func (c *Contract) Version() string {
	if n := len(c.Avenants); n > 0 {
		a := c.Avenants[n-1]
		return c.Labels.Format("version.consolidee", "numero", fmt.Sprint(a.Number), "date", frdate.Words(a.SignatureDate))
	}
	if c.Signature.Date != "" {
		return c.Labels.Format("version.initiale_signee", "date", c.Signature.Date)
	}
	return c.Labels.Get("version.initiale")
}

// Evaluation is one year of the yearly evaluation: the état d'avancement
// of each fiche and the values of its criteria and indicators.
type Evaluation struct {
	Year    int
	Example bool   // fictitious values: the annex says so
	Title   string // replaces the annex's title, when set
	File    string
	States  map[string]FicheState // by fiche code; a fiche absent is "non renseignée"
	Values  []IndicatorValue
}

// FicheState is a fiche's état d'avancement in a year.
type FicheState struct {
	State   string
	Comment string
}

// IndicatorValue is the value of one criterion or indicator in a year.
type IndicatorValue struct {
	Fiche     string
	Kind      string
	Type      string
	Text      string
	Value     float64
	HasValue  bool
	Target    float64
	HasTarget bool
	Comment   string

	// ValueText and TargetText are the value and the target as their
	// cells show them (« 92 % », « 12 345 »); "": the number is written
	// plainly.
	ValueText, TargetText string
}

// ShownValue writes the value as its cell shows it.
func (v IndicatorValue) ShownValue() string {
	if v.ValueText != "" {
		return v.ValueText
	}
	return frnum.Plain(v.Value)
}

// ShownTarget writes the target as its cell shows it.
func (v IndicatorValue) ShownTarget() string {
	if v.TargetText != "" {
		return v.TargetText
	}
	return frnum.Plain(v.Target)
}
