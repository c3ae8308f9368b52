package starter

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// column is one column of a starter sheet: its header on row 1, the note
// on that header saying what goes there, and, when the column takes a
// fixed set of values, the drop-down list that offers them.
type column struct {
	header  string
	note    string
	choices []string // a fixed set of values: a drop-down list
	from    string   // the values of another sheet's column: a drop-down list, e.g. "Axes!$A$2:$A$500"
	width   float64
}

// sheet is a starter sheet: its columns and its example rows.
type sheet struct {
	name string
	cols []column
	rows [][]any // string, int or float64 cells, one per column
}

// workbook is a starter workbook under sources/.
type workbook struct {
	file   string
	sheets []sheet
}

// lastRow bounds the drop-down lists: far more rows than a contract has.
const lastRow = 500

// author signs the notes on the headers, as Excel and Calc show it.
const author = "cls init"

// bytes returns the workbook as an .xlsx file.
func (wb workbook) bytes() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"D6E1EE"}, Pattern: 1},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	})
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, s := range wb.sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return nil, err
		}
		if err := s.write(f, head, wrap); err != nil {
			return nil, fmt.Errorf("%s, feuille « %s » : %w", wb.file, s.name, err)
		}
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// write fills one sheet: headers with their notes, example rows, the
// drop-down lists, column widths, the header row frozen.
func (s sheet) write(f *excelize.File, head, wrap int) error {
	for c, col := range s.cols {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetCellStr(s.name, name+"1", col.header); err != nil {
			return err
		}
		if col.note != "" {
			lines := strings.Count(col.note, "\n") + len(col.note)/40 + 2
			if err := f.AddComment(s.name, excelize.Comment{
				Author: author, Cell: name + "1",
				Paragraph: []excelize.RichTextRun{{Text: col.note}},
				Width:     260, Height: uint(18 * lines),
			}); err != nil {
				return err
			}
		}
		if err := s.validate(f, name, col); err != nil {
			return err
		}
		w := col.width
		if w == 0 {
			w = 20
		}
		if err := f.SetColWidth(s.name, name, name, w); err != nil {
			return err
		}
	}
	for r, row := range s.rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			var err error
			switch v := v.(type) {
			case int:
				err = f.SetCellInt(s.name, cell, int64(v))
			case float64:
				err = f.SetCellFloat(s.name, cell, v, -1, 64)
			case string:
				if v != "" {
					err = f.SetCellStr(s.name, cell, v)
				}
			default:
				err = fmt.Errorf("cellule %s : valeur %T", cell, v)
			}
			if err != nil {
				return err
			}
		}
	}
	end, _ := excelize.ColumnNumberToName(len(s.cols))
	if err := f.SetCellStyle(s.name, "A1", end+"1", head); err != nil {
		return err
	}
	if len(s.rows) > 0 {
		if err := f.SetCellStyle(s.name, "A2", fmt.Sprintf("%s%d", end, len(s.rows)+1), wrap); err != nil {
			return err
		}
	}
	return f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// validate adds the drop-down list of a column, from row 2 down: an
// unknown value is refused by Excel and Calc as it is typed, before cls
// ever reads it. An empty cell stays allowed.
func (s sheet) validate(f *excelize.File, name string, col column) error {
	if len(col.choices) == 0 && col.from == "" {
		return nil
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", name, name, lastRow))
	if col.from != "" {
		dv.SetSqrefDropList(col.from)
		dv.SetError(excelize.DataValidationErrorStyleStop, col.header, "Choisir une valeur de la liste (elle vient d'une autre feuille du classeur).")
	} else {
		if err := dv.SetDropList(col.choices); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, col.header, "Choisir dans la liste : "+strings.Join(col.choices, ", ")+".")
	}
	return f.AddDataValidation(s.name, dv)
}
