// Package theme holds the look of the printed documents in one place:
// colours, type sizes, spacing, table padding, figure widths and the
// positions of the running header and footer. They live in
// templates/theme.yaml, so that a territory changes its colours or sizes
// without touching Go; a territory without the file, or without a key,
// takes the shipped one's (carried in the program).
//
// The document tree (internal/doc) says what a piece of text is — a
// heading, a label cell, a caption, a note — and never how it looks; the
// layout asks the theme. The same roles are what a tagged PDF is made of.
package theme

import "github.com/contrat-local-sante/cls/internal/doc"

// FileName is the theme file inside the templates folder.
const FileName = "theme.yaml"

// Size is a type size in points: either absolute, or relative to the body
// size (cls.yaml papier.taille_texte), written « corps », « corps - 1 »…
// so that a territory that enlarges its body text enlarges them too.
type Size struct {
	Points   float64 // the size, or the difference from the body's
	Relative bool
}

// Pt is the size in points for a body of the given size.
func (s Size) Pt(body float64) float64 {
	if s.Relative {
		return body + s.Points
	}
	return s.Points
}

// Heading is the look of one heading level.
type Heading struct {
	Size          float64 // points
	Before, After float64 // mm
}

// Series is the look of one series of a bar chart: a fill, a hatching
// (0 none, 1 diagonal, 2 cross) and the colour of the values printed on it.
type Series struct {
	Fill  doc.Color
	Hatch int
	Ink   doc.Color
}

// State is the look of a cell showing an état d'avancement.
type State struct {
	Fill, Text doc.Color
}

// Theme is the look of the documents. Its fields are named after what
// they style; their French keys are in fields.go.
type Theme struct {
	// Colours of text and page.
	Text, Accent, Muted, Border doc.Color
	TableHead, TableLabel       doc.Color

	// Headings, levels 1 to 4.
	Headings [4]Heading

	// Type sizes of the roles.
	Table, FicheTable, GridTable, DenseTable, LayoutTable Size
	Caption, Source, Note, Lead, Furniture                Size

	// Spacing, in multiples of the text's size (paragraphs, lists) or in
	// mm (the rest).
	Leading        float64 // line height of body text, × size
	ParagraphSpace float64 // above a paragraph, × size
	CellSpace      float64 // above a paragraph in a cell, × size
	ListSpace      float64 // above a list, × size
	ItemSpace      float64 // between list items, × size
	ListIndent     float64 // mm
	CellPadding    float64 // mm
	TableAfter     float64 // mm
	FigureBefore   float64 // mm
	FigureAfter    float64 // mm

	// Figures: charts are as wide as the column less ChartInset (mm);
	// diagrams as wide as the column.
	ChartInset float64

	// Page furniture: the header's baseline above the top margin, the
	// footer's below the bottom margin, in mm.
	HeaderOffset, FooterOffset float64

	// Cover: sizes in points.
	CoverKicker, CoverTitle, CoverSubtitle, CoverLine, CoverParty, CoverBetween float64

	// Diagrams: three tones of the accent, the page, the ink, the return
	// arrows' grey, the dispositifs' bands, and their sizes.
	DiagramDark, DiagramMedium, DiagramLight                            doc.Color
	DiagramPaper, DiagramInk, DiagramGrey                               doc.Color
	DiagramBands                                                        [4]doc.Color
	DiagramTitle, DiagramDetail, DiagramArrow, DiagramLevel, DiagramBox float64

	// Charts: the series, the inks and the type sizes (points) of the
	// category labels and axis names, the values on the bars, the legend.
	ChartSeries                                 [6]Series
	ChartText, ChartAxis, ChartGrid, ChartFrame doc.Color
	ChartLabel, ChartValue, ChartLegend         float64

	// États d'avancement, by role key (see StateKeys).
	States map[string]State

	// Column is the width of the text column in mm, set by whoever knows
	// the paper (the pipeline, from cls.yaml); figures are drawn at it.
	Column float64
}

// StateKeys are the keys of the états' roles, under « etats ».
var StateKeys = []string{"inconnu", "non_demarree", "en_cours", "realisee", "reportee", "abandonnee"}

// StateKey is the key of a model.StateRole, whose values follow
// StateKeys' order (a test of compose holds them together); an unknown
// role is « inconnu ».
func StateKey(role int) string {
	if role < 0 || role >= len(StateKeys) {
		return StateKeys[0]
	}
	return StateKeys[role]
}

// shippedColumn is the shipped paper's column (A4, 20 mm margins), for a
// theme whose Column nobody set (a contract composed in a test).
const shippedColumn = 170.0

// ColumnWidth is the text column's width, in mm.
func (t *Theme) ColumnWidth() float64 {
	if t.Column > 0 {
		return t.Column
	}
	return shippedColumn
}

// ChartWidth is the width charts are drawn at: the column less the inset.
func (t *Theme) ChartWidth() float64 { return t.ColumnWidth() - t.ChartInset }

// State returns the look of an état's role key; an unknown key looks like
// the unknown role.
func (t *Theme) State(key string) State {
	if s, ok := t.States[key]; ok {
		return s
	}
	return t.States["inconnu"]
}

// Or returns t, or the shipped theme when t is nil (a document made in
// code, by a test or a tool).
func (t *Theme) Or() *Theme {
	if t == nil {
		return Defaults()
	}
	return t
}

// WithColumn returns a copy of t drawing its figures at the given column
// width.
func (t *Theme) WithColumn(w float64) *Theme {
	c := *t.Or()
	c.Column = w
	return &c
}
