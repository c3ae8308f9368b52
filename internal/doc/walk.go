package doc

// Texts calls fn with every text of the document that the layout prints,
// in reading order, with the kind of place it is printed in (in French,
// for messages: « titre », « paragraphe », « tableau »…). It lets a check
// see the text exactly as it will be printed, whatever path it came by.
func (d *Document) Texts(fn func(kind, text string)) {
	m := d.Meta
	fn("en-tête des pages", m.HeaderText)
	fn("pied de page", m.FooterText)
	for _, b := range d.Blocks {
		blockTexts(b, fn)
	}
}

func inlineTexts(kind string, in []Inline, fn func(kind, text string)) {
	for _, r := range in {
		fn(kind, r.Text)
	}
}

func blockTexts(b Block, fn func(kind, text string)) {
	switch v := b.(type) {
	case Heading:
		fn("titre", PlainText(v.Text))
		fn("titre (sommaire)", v.TOCTitle)
	case Paragraph:
		inlineTexts("paragraphe", v.Text, fn)
	case List:
		fn("liste", v.Bullet)
		for _, it := range v.Items {
			for _, b := range it.Blocks {
				blockTexts(b, fn)
			}
		}
	case Table:
		for _, row := range v.Rows {
			for _, c := range row.Cells {
				for _, b := range c.Blocks {
					blockTexts(b, fn)
				}
			}
		}
	case Figure:
		for _, it := range v.Items {
			if t, ok := it.(Text); ok {
				fn("figure", t.Text)
			}
		}
		fn("légende de figure", v.Caption)
		fn("source de figure", v.Source)
	case FigureList:
		fn("table des figures", v.Title)
	case Sommaire:
		fn("sommaire", v.Title)
	case Checkboxes:
		for _, c := range v.Items {
			fn("case à cocher", c.Label)
		}
	case SignaturePage:
		for _, g := range v.Groups {
			fn("page des signatures", g.Title)
			for _, p := range g.People {
				fn("page des signatures", p.Name)
				fn("page des signatures", p.Title)
			}
		}
	case Cover:
		for _, ss := range [][]string{{v.Kicker, v.Title, v.Subtitle}, v.Lines, v.Parties, v.Footer} {
			for _, s := range ss {
				fn("couverture", s)
			}
		}
	}
}
