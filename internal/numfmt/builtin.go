package numfmt

// builtin are the codes of the number formats a workbook names by number
// only (Office Open XML, part 1, 18.8.30). Ids 14 to 22 show a date in
// the reader's language: 14 is the short date, shown here as French does.
// Ids 5 to 8 (the reader's currency) and the East Asian ones have no
// fixed code and are left out.
var builtin = map[int]string{
	0:  "General",
	1:  "0",
	2:  "0.00",
	3:  "#,##0",
	4:  "#,##0.00",
	9:  "0%",
	10: "0.00%",
	11: "0.00E+00",
	12: "# ?/?",
	13: "# ??/??",
	14: "dd/mm/yyyy",
	15: "d-mmm-yy",
	16: "d-mmm",
	17: "mmm-yy",
	18: "h:mm AM/PM",
	19: "h:mm:ss AM/PM",
	20: "h:mm",
	21: "h:mm:ss",
	22: "dd/mm/yyyy h:mm",
	37: "#,##0 ;(#,##0)",
	38: "#,##0 ;[Red](#,##0)",
	39: "#,##0.00;(#,##0.00)",
	40: "#,##0.00;[Red](#,##0.00)",
	45: "mm:ss",
	46: "[h]:mm:ss",
	47: "mmss.0",
	48: "##0.0E+0",
	49: "@",
}

// Builtin returns the code of a built-in number format id; false for an
// id with no fixed code.
func Builtin(id int) (string, bool) {
	c, ok := builtin[id]
	return c, ok
}
