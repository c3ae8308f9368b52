package doc

import (
	"strconv"
	"strings"
	"testing"
)

// TestTexts: every text of every kind of block is visited, nested lists
// and tables included.
func TestTexts(t *testing.T) {
	d := &Document{
		Meta: Meta{HeaderText: "t1", FooterText: "t2"},
		Blocks: []Block{
			Cover{Kicker: "t3", Title: "t4", Subtitle: "t5", Lines: []string{"t6"}, Parties: []string{"t7"}, Footer: []string{"t8"}},
			Sommaire{Title: "t9"},
			FigureList{Title: "t10"},
			Heading{Text: []Inline{{Text: "t11"}}, TOCTitle: "t12"},
			Paragraph{Text: []Inline{{Text: "t13"}, {Text: "t14", Style: Bold}}},
			List{Bullet: "t15", Items: []ListItem{{Blocks: []Block{Paragraph{Text: []Inline{{Text: "t16"}}},
				List{Items: []ListItem{{Blocks: []Block{Paragraph{Text: []Inline{{Text: "t17"}}}}}}}}}}},
			Table{Rows: []Row{{Cells: []Cell{{Blocks: []Block{Paragraph{Text: []Inline{{Text: "t18"}}}}}}}}},
			Figure{Items: []Item{Rect{}, Text{Text: "t19"}}, Caption: "t20", Source: "t21"},
			Checkboxes{Items: []Check{{Label: "t22"}}},
			SignaturePage{Groups: []SignatureGroup{{Title: "t23", People: []Person{{Name: "t24", Title: "t25"}}}}},
			PageBreak{},
		},
	}
	var got []string
	d.Texts(func(kind, text string) {
		if text != "" {
			got = append(got, text)
		}
	})
	var want []string
	for i := 1; i <= 25; i++ {
		want = append(want, "t"+strconv.Itoa(i))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("visited %v\nwant    %v", got, want)
	}
}
