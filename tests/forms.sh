#!/bin/sh
# tests/forms.sh - sign-up boxes the `signup-form` rule drops
# (rules/html.rules): an element holding an e-mail or phone field whose text
# calls to sign up or subscribe goes; a contact form, a product card's
# "Notify me" field, a page's hero with its <h1>, and a newsletter's own
# page stay. Through the CLI. TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# an article of a dozen paragraphs: a sign-up box in it is a small part
PROSE=$(for i in 1 2 3 4; do
	printf '<p>Leeks want a long season in rich soil, sown indoors in late winter and planted out deep in early summer, a pencil-thick seedling to each hole (note %s).</p>' $i
	printf '<p>Earth them up as they grow to blanch the stems, and lift them from autumn through to the spring, a few at a time, as the kitchen needs them (note %s).</p>' $i
	printf '<p>Rust shows as orange spots on the leaves in a wet autumn; the stems are still good to eat, and a resistant variety is the cure for next year (note %s).</p>' $i
done)

page() { # BOX: an article, BOX inside it between its paragraphs
	printf '<html><head><title>Growing leeks</title></head><body><article><h1>Growing leeks</h1>%s\n%s\n%s</article></body></html>\n' \
		"$PROSE" "$1" '<p>Sow a second batch in spring for leeks that stand through the next winter.</p>'
}

t_signup_boxes_go() {
	page '<div class="box-x"><p>Be the first to know!</p><p>Get our growing tips texted right to your phone.</p>
<form><input type="tel" placeholder="Phone"><button>Sign Me Up</button></form>
<p>By signing up, you agree to receive recurring automated messages from the Garden Desk.</p></div>' >sms.html
	run --report=report sms.html
	expect_rc 0
	expect_grep out 'Earth them up as they grow'
	expect_grep out 'Sow a second batch in spring'
	expect_none out 'Be the first to know' 'texted right to your phone' 'By signing up'
	expect_grep report 'signup-form'
	page '<section><h3>Join our mailing list</h3><p>Seasonal advice once a month.</p>
<form><input type="email" name="e"></form></section>' >mail.html
	run mail.html
	expect_rc 0
	expect_none out 'Join our mailing list' 'Seasonal advice once a month'
	expect_grep out 'Sow a second batch in spring'
}
t "a box with an e-mail or phone field that calls to sign up goes from an article" t_signup_boxes_go

t_other_forms_stay() {
	# a contact form: no call to sign up
	page '<div><h3>Ask the grower</h3><p>Questions about your plot? Write to us and a grower answers within a week.</p>
<form><input type="email" name="e"><textarea></textarea></form></div>' >contact.html
	run contact.html
	expect_rc 0
	expect_grep out 'Questions about your plot'
	# a page's hero: its <h1> over a field for alerts
	printf '<html><head><title>Jobs</title></head><body><main><section><h1>Four-day week jobs</h1><p>Find your next role at the job board for a shorter week: sign up for alerts.</p><form><input type="email"></form></section>%s</main></body></html>\n' "$PROSE" >hero.html
	run hero.html
	expect_rc 0
	expect_grep out 'Find your next role at the job board'
	# a newsletter's own page: its box is the page
	printf '<html><head><title>The Garden Desk</title></head><body><main><div class="signup"><h2>The Garden Desk newsletter</h2>%s<p>Subscribe: one letter a month, written by our growers, with the jobs for the month ahead.</p><form><input type="email"></form></div></main></body></html>\n' "$PROSE" >letter.html
	run letter.html
	expect_rc 0
	expect_grep out 'Subscribe: one letter a month'
}
t "a contact form, a page's hero with its <h1>, and a newsletter's own page stay" t_other_forms_stay

# real page: Mashable's deal post, an SMS and an e-mail sign-up box in it
t_signup_real() {
	d=$F/real-html-article-signup-box
	run "$d/input.html"
	expect_rc 0
	expect_same out "$d/expected.txt"
	expect_none out 'Be the first to know' 'By signing up' 'Sign Me Up'
	expect_grep out 'grade A refurbished status'
}
t "real page: an article's sign-up boxes go, its text stays" t_signup_real

echo "1..$n"
