import type { CopyGoal, CopyTone } from '../../../shared/copy-schemas';
import type { CopyContext } from './context';

/**
 * The phrase library: how each tone greets, signs off and opens, and what each goal invites the reader to do.
 * Everything here is tone and intent, never a fact: the facts come from the brief through the context.
 */

export type Line = string | null | false | undefined;
/** The lines that exist and pass the brand filter. */
export const usable = (c: CopyContext, lines: Line[]): string[] => lines.filter((l): l is string => typeof l === 'string' && l.length > 0 && c.allowed(l));

export type ToneKit = {
  greetings: string[];
  signOffs: string[];
  /** How a sentence that wants energy ends: premium and professional copy keeps its full stops. */
  bang: '!' | '.';
  /** Short openers for a hook ("Good news:"). */
  openers: string[];
  /** Ways to say "you'll like it" without stating a fact. */
  desire: string[];
};

const NAME = '{{firstName|there}}';

export const TONES: Record<CopyTone, ToneKit> = {
  friendly: {
    greetings: [`Hi ${NAME},`, `Hello ${NAME},`, `Hey ${NAME},`, `Hi ${NAME}!`, `Hello again, ${NAME},`],
    signOffs: ['Warm wishes,', 'Speak soon,', 'With love,', 'Cheers,', 'Take care,', 'Until next time,'],
    bang: '!',
    openers: ['Good news:', 'A little something for you:', 'Here is the thing:'],
    desire: ["We think you'll love it.", "It's one of those things you'll wonder how you did without.", 'We had you in mind when we put this together.'],
  },
  premium: {
    greetings: [`Dear {{firstName|friend}},`, `Hello ${NAME},`],
    signOffs: ['With our compliments,', 'Kind regards,', 'Yours,'],
    bang: '.',
    openers: ['Introducing', 'Considered, unhurried, ready:', 'For those who notice the details:'],
    desire: ['Made to be enjoyed slowly.', 'A quiet pleasure, every day.', 'Some things are simply worth having.'],
  },
  playful: {
    greetings: [`Hey ${NAME}!`, `Psst, ${NAME}!`, `Well hello, ${NAME}!`],
    signOffs: ['High fives,', 'Toodle-oo,', 'Catch you soon,'],
    bang: '!',
    openers: ['Plot twist:', 'Guess what?', 'Okay, this is fun:', 'Drumroll, please:'],
    desire: ['Go on, you deserve a treat.', 'Your future self says thank you.', 'Warning: may cause happy dances.'],
  },
  urgent: {
    greetings: [`${NAME},`, `Quick one, ${NAME}:`, `Hi ${NAME},`],
    signOffs: ['Be quick,', 'See you at checkout,', 'Thanks,'],
    bang: '!',
    openers: ["Don't miss this:", 'Heads up:', 'Act fast:'],
    desire: ["Don't let this one pass you by.", 'Now is the moment.', 'Waiting only makes it harder.'],
  },
  professional: {
    greetings: [`Hello ${NAME},`, `Dear {{firstName|customer}},`],
    signOffs: ['Best regards,', 'Kind regards,', 'With thanks,'],
    bang: '.',
    openers: ['Update:', 'For your attention:', 'Worth knowing:'],
    desire: ['A practical choice that earns its place.', 'Worth a closer look.', 'Simple to start, easy to like.'],
  },
};

/** What the reader is invited to do, per goal, longest first within reason; `{p}` is the product. */
const CTAS: Record<CopyGoal, string[]> = {
  win_back: ['Come back and take a look', "See what's new", 'Shop again', 'Pick up where you left off'],
  launch: ['Discover {p}', 'Meet {p}', 'Take a first look', 'See it now'],
  promotion: ['Shop the offer', 'Treat yourself', 'Get yours now', 'Shop now'],
  cross_sell: ['Add {p} to your basket', 'Explore {p}', 'Complete your collection', 'Take a look'],
  upsell: ['Upgrade to {p}', 'See the difference', 'Treat yourself to more', 'Level up now'],
  retention: ['Explore your favourites', 'See what we picked for you', 'Shop now', 'Take a look'],
  event: ['Save your spot', 'Reserve your place', 'Join us', 'Count me in'],
};

/** Calls to action of 15 characters or fewer (display ads' buttons). */
const SHORT_CTAS: Record<CopyGoal, string[]> = {
  win_back: ['Come back', 'Shop again', "See what's new"],
  launch: ['Discover', 'Shop new', 'Take a look'],
  promotion: ['Shop the offer', 'Shop now', 'Get yours'],
  cross_sell: ['Add to basket', 'Explore', 'Shop the set'],
  upsell: ['Upgrade', 'Upgrade now', 'See more'],
  retention: ['Shop now', 'Explore', 'Take a look'],
  event: ['Save your spot', 'Reserve', 'Join us'],
};

export const ctasFor = (c: CopyContext): string[] => usable(c, CTAS[c.brief.goal].map((t) => t.replaceAll('{p}', c.product)));
export const shortCtasFor = (c: CopyContext): string[] => usable(c, SHORT_CTAS[c.brief.goal]);

/**
 * The offer as one noun phrase, in the candidate's own wording (its `offerStyle`), or null:
 * "20% off with code SAVE20, plus free shipping", "code SAVE20 for 20% off, with free shipping", …
 */
export function offerPhrase(c: CopyContext, withCode = true): string | null {
  const style = c.offerStyle % 4;
  const code = withCode ? c.code : null;
  let core: string;
  if (c.discount && code) {
    core = [`${c.discount} off with code ${code}`, `${c.discount} off when you use code ${code}`, `${c.discount} off (code ${code})`, `${c.discount} off with ${code}`][style] as string;
  } else if (c.discount) core = `${c.discount} off`;
  else core = '';
  if (!c.freeShipping) return core || null;
  if (!core) return 'free shipping';
  return `${core}${[', plus free shipping', ' and free shipping', ', with free shipping', ' and free shipping'][style] as string}`;
}

/** A code that comes without a discount: only the reader's action can be stated ("Use code EARLY2027 when you book."). */
export function codeOnlyLine(c: CopyContext): string | null {
  if (!c.code || c.discount) return null;
  return `Use code ${c.code} ${c.brief.goal === 'event' ? 'when you book' : 'at checkout'}${untilPhrase(c)}.`;
}

/** "until 6 December" / "" when the offer has no end date. */
export const untilPhrase = (c: CopyContext): string => (c.deadline ? ` until ${c.deadline}` : '');

/** Situations a framework can start from (problem for PAS, before for BAB), per goal. */
export const SITUATIONS: Record<CopyGoal, { problem: string[]; agitate: string[]; before: string[]; after: string[] }> = {
  win_back: {
    problem: ["It's been a while since your last visit.", 'Life gets busy, and favourite shops slip off the list.', 'We noticed it has been some time since we last saw you.', 'Sometimes a good thing just drifts out of your routine.'],
    agitate: ["We'd hate for you to miss what has arrived since.", 'Your old favourites are still here, waiting.', 'And it would be a shame to lose touch now.', 'There is plenty here we think you would like.'],
    before: ['Your last order with us was a while ago.', 'Maybe life got busy. It happens to all of us.', 'It has been quiet between us lately.', 'You used to stop by now and then.', 'It has been a while since you last shopped {c} with us.'],
    after: ['Picture {p} at home with you.', 'Imagine opening a parcel with {p} inside.', 'Coming back could be as simple as {p}.', 'Let {p} be your reason to return.'],
  },
  launch: {
    problem: ['Finding something genuinely new is harder than it should be.', 'Same shelves, same choices, again and again.', 'Most new things turn out to be old things in new boxes.', 'Your routine could use a fresh idea.'],
    agitate: ['Most of what is out there starts to feel the same.', 'And nobody wants another thing that is just fine.', 'So the search goes on, and on.', 'Settling for the usual gets old fast.'],
    before: ['You know what you like, and you have your routine.', 'Your favourites have served you well.', 'Every day looks a bit like the last.', 'You have been waiting for something different.'],
    after: ['Now add {p} to the mix.', 'Now there is {p}, and a new favourite in the making.', 'Today, {p} joins the line-up.', 'Say hello to {p}, made to shake things up.'],
  },
  promotion: {
    problem: ['Treating yourself can be hard to justify.', 'Some things stay on the wishlist far too long.', 'There is always a reason to wait a little longer.', 'The things you want rarely come with good timing.'],
    agitate: ['So the things you love keep waiting for the right moment.', 'And the right moment never seems to arrive.', 'Meanwhile, the wishlist only grows.', 'And putting it off does not make it any easier.'],
    before: ['Had your eye on {p} for a while?', 'The right moment for {p} is here.', 'Still thinking about {p}?', 'That wishlist of yours? We have a suggestion.'],
    after: ['This is that moment.', 'Now it can finally be yours.', 'Consider this your sign.', 'Today is a good day to say yes.'],
  },
  cross_sell: {
    problem: ['You already know what you love.', 'A favourite is even better with the right partner.', 'The best finds often sit right next to your favourites.', 'Good things come in pairs.'],
    agitate: ['But the best finds are often the ones next to it.', 'Why stop at one good thing?', 'One piece is lovely; two make a set.', 'It is the small extras that make it feel complete.'],
    before: ['You picked your favourite.', 'You already have the essentials.', 'Your last order was a great start.', 'You know what works for you.', 'You have a soft spot for {c}.'],
    after: ['Now complete the picture with {p}.', 'Add {p} and make it a pair.', 'Round it off with {p}.', 'Next up for you: {p}.'],
  },
  upsell: {
    problem: ['Good is good.', 'You have outgrown the basics.', 'What got you here may not get you further.', 'The basics only take you so far.'],
    agitate: ['But you have been thinking about better.', 'And settling for less is no fun.', 'Every day with the basics is a day without the extras.', 'You know there is more to get out of it.'],
    before: ['You have the basics covered.', 'What you have works.', 'You started with the essentials.', 'Your current set-up does the job.'],
    after: ['Take it further with {p}.', 'Now imagine every day with {p}.', 'Step up to {p}.', 'With {p}, you get more of what you like.'],
  },
  retention: {
    problem: ['Your inbox is busy, so we will keep this short.', 'You have been with us for a while now.', 'Loyal customers deserve more than a standard newsletter.', 'We do not say thank you often enough.'],
    agitate: ['And we want every order to feel as good as the first.', 'That deserves more than a standard newsletter.', 'So this one is just for you.', 'So here is something to show it.'],
    before: ['You have been a loyal customer.', 'You know our shop well by now.', 'You have been part of our story.', 'You keep coming back, and we notice.'],
    after: ['Here is something picked with you in mind: {p}.', 'So here is a little something back: {p}.', 'This time, we have {p} for you.', 'To say thank you, meet {p}.'],
  },
  event: {
    problem: ['Some things are better in person.', 'Screens are fine, but nothing beats being there.', 'Good ideas travel best face to face.', 'The best conversations happen in a room together.'],
    agitate: ["And it's more fun with people who love the same things.", 'Good company makes all the difference.', 'Reading about it is not the same as being there.', 'And the best moments are never recorded.'],
    before: ['Another ordinary week ahead?', 'Your calendar could use something to look forward to.', 'Same desk, same routine?', 'Looking for a reason to get out?'],
    after: ['Now picture yourself at {p}.', 'Join us at {p} instead.', 'Here is your reason: {p}.', 'Make room for {p}.'],
  },
};

/** How each goal opens a headline when the offer is not the lead. */
export const GOAL_HEADLINES: Record<CopyGoal, string[]> = {
  win_back: ["We've missed you, {{firstName|friend}}", "It's been a while", 'Come back to something good', 'Your favourites are waiting'],
  launch: ['Meet {p}', 'Introducing {p}', 'New: {p}', 'Say hello to {p}'],
  promotion: ['Your moment for {p}', '{p}, for less', 'A treat worth taking: {p}', 'Good timing: {p}'],
  cross_sell: ['A match for your favourites', 'Made to go with what you love', 'Your next favourite: {p}', 'Pairs well with your picks'],
  upsell: ['Ready for an upgrade?', 'Take it further with {p}', 'Meet the step up: {p}', 'Go beyond the basics'],
  retention: ['Picked for you: {p}', 'A thank you, from us', 'Something for our regulars', 'Because you are one of us'],
  event: ["You're invited: {p}", 'Join us at {p}', 'Save the date: {p}', 'A seat for you at {p}'],
};

/** Questions that open a curiosity hook. */
export const QUESTIONS: Record<CopyGoal, string[]> = {
  win_back: ['Still thinking of us?', 'Remember us?', 'Ready for a little something new?'],
  launch: ['Ready for something new?', 'Have you met {p} yet?', 'Want to be one of the first?'],
  promotion: ['Been waiting for a sign?', 'Is it treat time?', 'Shall we make it easy?'],
  cross_sell: ['What goes with your favourites?', 'Looking for the perfect partner?', 'Have you tried {p}?', 'Into {c}?'],
  upsell: ['Ready for an upgrade?', 'Why settle for the basics?', 'Want more from every day?'],
  retention: ['Did you know we picked this for you?', 'Fancy a little thank you?', 'Have you seen {p}?'],
  event: ['Free on {d}?', 'Want to join us?', 'Coming to {p}?'],
};

/** What a reader gains, said without stating a fact (FAB's "benefit" and the close of several frameworks). */
export const OUTCOMES: Record<CopyGoal, string[]> = {
  win_back: ['A good reason to come back.', 'Everything you liked, and a few surprises.', 'A warm welcome back.', 'Picking up right where you left off.'],
  launch: ['Something new to enjoy, starting now.', 'A fresh favourite for your everyday.', 'New, and ready when you are.', 'Yours to discover first-hand.'],
  promotion: ['More of what you love, for less.', 'A treat that feels even better at this price.', 'Good things, good timing.', 'The little luxury you have been putting off.'],
  cross_sell: ['Your favourites, made even better together.', 'The perfect partner for what you already love.', 'Two good things, one happy home.', 'The finishing touch.'],
  upsell: ['More of everything you like, every time.', 'The difference you notice every day.', 'Room to grow.', 'Everything you have, and then some.'],
  retention: ['Our thank you for being here.', 'A small reward for sticking with us.', 'Made for the people who keep us going.', 'Because regulars deserve a treat.'],
  event: ['Good company and a great time.', 'A day to remember with people who get it.', 'Ideas worth taking home.', 'Time well spent.'],
};

/** Emoji a tone may lead with when the brand allows emoji. */
export const EMOJI: Record<CopyGoal, string[]> = {
  win_back: ['👋', '💌', '🌟'],
  launch: ['✨', '🚀', '🆕'],
  promotion: ['🎁', '🛍️', '🏷️'],
  cross_sell: ['💡', '🤝', '🧩'],
  upsell: ['⭐', '📈', '🔝'],
  retention: ['💛', '🙌', '🎈'],
  event: ['🎉', '📅', '🥂'],
};

/**
 * A template with the product, the offer's date and the audience's favourite category ({c}, from the segment's
 * profile) filled in; null when it needs a date or a category the brief and audience lack.
 */
export const fillProduct = (c: CopyContext, text: string): string | null => {
  if ((text.includes('{d}') && !c.deadline) || (text.includes('{c}') && !c.topCategory)) return null;
  return text.replaceAll('{p}', c.product).replaceAll('{d}', c.deadline ?? '').replaceAll('{c}', (c.topCategory ?? '').toLowerCase());
};

/** Short headlines for search ads (30 characters or fewer once filled), per goal; none states a fact. */
export const AD_HEADLINES: Record<CopyGoal, string[]> = {
  win_back: ['We Miss You', 'Come Back and Browse', 'Your Favourites Await', 'Welcome Back', 'Pick Up Where You Left Off', 'Good to See You Again', 'Back for More?', 'See What You Missed'],
  launch: ['Just Launched', 'Now Available', 'Brand New: {p}', 'Be Among the First', 'Fresh From Our Team', 'First Look: {p}', 'Something New Is Here', 'Out Now'],
  promotion: ['Sale Now On', 'Treat Yourself', 'A Little Luxury', 'Your Treat Awaits', 'Shop the Offer', 'Worth a Look', 'Made for Gifting', 'Good Things, Good Timing'],
  cross_sell: ['Complete the Look', 'Pairs With Your Picks', 'The Perfect Partner', 'Goes With What You Love', 'Add a Little Extra', 'Made to Match', 'Round It Off', 'Your Next Favourite'],
  upsell: ['Go Further', 'Step Up Today', 'Get More From Every Day', 'The Next Level', 'Built for More', 'Ready for More?', 'Take It Further', 'Outgrown the Basics?'],
  retention: ['Thanks for Being Here', 'Picked for You', 'A Thank You From Us', 'For Our Regulars', 'Just for You', 'Because You Are One of Us', 'Made With You in Mind', 'Your Favourites, Ready'],
  event: ['Book Your Place', 'Join Us', 'Save the Date', 'See You There', 'Save Your Seat', 'Come Along', 'Meet the Community', 'A Date to Remember'],
};

/** Headlines that name nothing, for when the product's name is too long for the field. */
export function namelessHeadlines(c: CopyContext): string[] {
  const questions = QUESTIONS[c.brief.goal].filter((q) => !/\{[pcd]\}/.test(q));
  const ads = AD_HEADLINES[c.brief.goal].filter((h) => !h.includes('{p}'));
  return usable(c, [...questions, ...ads]);
}
