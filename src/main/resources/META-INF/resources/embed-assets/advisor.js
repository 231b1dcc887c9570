/*
 * The embeddable advisor page (/embed): builds the form, asks POST /api/v1/recommendations on this
 * origin, shows the answer, and tells the parent page (when framed by /embed.js) its height and the
 * answer with window.postMessage.
 *
 * Query parameters (all optional; an unknown or invalid value is ignored):
 *   lang          en (default) or zh-CN: every label here; the answer's texts come from the API.
 *   entityType, wantsPayment, offlinePresence, contentCadence, goals (comma-separated or repeated),
 *   industry, needsProactivePush, needsMomentsSharing, needsBackOfficeIntegration,
 *   needsNativeDeviceFeatures, highInteractivity, validatingNewIdea, plansMiniGamesOrAds
 *                 prefill, named like the API's profile fields; booleans are true or false.
 *   externalId    the host's lead id, sent with the profile and echoed in the answer.
 *   submit=true   ask straight away (when the required questions are answered).
 *   accent, background, text   #rgb or #rrggbb; kept only if the colours still pass WCAG AA.
 *   font          system, sans, serif, rounded or mono.
 *   parentOrigin  the framing page's origin (set by /embed.js): the answer is posted only to it.
 *   pageUri, referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content
 *                 the host page's attribution (set by /embed.js): sent as the profile's context.
 *   tenant        the tenant (agency) the answers belong to, sent as the Advisor-Tenant header.
 *
 * Nothing from the address or from the answer is ever parsed as HTML: every text goes in with
 * textContent, every value with .value, every colour through a strict pattern.
 */
(function () {
  'use strict';

  var API = '/api/v1/recommendations';
  var MESSAGE_HEIGHT = 'wechat-advisor:height';
  var MESSAGE_RESULT = 'wechat-advisor:result';
  var MESSAGE_ERROR = 'wechat-advisor:error';

  var ENUMS = {
    entityType: ['INDIVIDUAL', 'ENTERPRISE', 'GOVERNMENT', 'MEDIA', 'OTHER_ORGANIZATION'],
    offlinePresence: ['NONE', 'SINGLE_LOCATION', 'MULTIPLE_LOCATIONS'],
    contentCadence: ['NONE', 'MONTHLY', 'WEEKLY', 'SEVERAL_PER_WEEK', 'DAILY'],
    goals: ['SELL_PRODUCTS', 'PUBLISH_CONTENT', 'CUSTOMER_SERVICE', 'INTERNAL_COMMUNICATION', 'BOOKINGS',
      'BRAND_AWARENESS'],
    industry: ['LEGAL', 'PUBLIC_RELATIONS', 'ADVERTISING_DESIGN', 'EXPRESS_DELIVERY', 'LOGISTICS', 'HOUSEKEEPING',
      'PHOTOGRAPHY', 'RECRUITMENT', 'AGRICULTURE', 'ACCOUNTING', 'FINANCIAL_SERVICES', 'TOURISM',
      'GOVERNMENT_AFFAIRS', 'EDUCATION', 'CATERING', 'RETAIL', 'MEDIA_PUBLISHING', 'OTHER']
  };
  var REQUIRED_SELECTS = ['entityType', 'offlinePresence', 'contentCadence'];
  var FLAGS = ['needsProactivePush', 'needsMomentsSharing', 'needsBackOfficeIntegration', 'needsNativeDeviceFeatures',
    'highInteractivity', 'validatingNewIdea', 'plansMiniGamesOrAds'];

  var FONTS = {
    system: null, // the default stack in advisor.css
    sans: '"Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif',
    serif: 'Georgia, "Times New Roman", "Songti SC", SimSun, "Noto Serif CJK SC", serif',
    rounded: 'ui-rounded, "SF Pro Rounded", "Arial Rounded MT Bold", "PingFang SC", "Microsoft YaHei", sans-serif',
    mono: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace'
  };

  var TEXT = {
    en: {
      title: 'WeChat presence advisor',
      intro: 'Answer four questions to see which WeChat products to open, and why.',
      required: 'About your business',
      choose: 'Choose…',
      entityType: 'Who would register the account?',
      'entityType.INDIVIDUAL': 'An individual',
      'entityType.ENTERPRISE': 'A company',
      'entityType.GOVERNMENT': 'A government body',
      'entityType.MEDIA': 'A media organisation',
      'entityType.OTHER_ORGANIZATION': 'Another organisation',
      wantsPayment: 'Do you want to take payment in WeChat?',
      yes: 'Yes',
      no: 'No',
      offlinePresence: 'Do you have physical shops, offices or venues?',
      'offlinePresence.NONE': 'None',
      'offlinePresence.SINGLE_LOCATION': 'One location',
      'offlinePresence.MULTIPLE_LOCATIONS': 'Several locations',
      contentCadence: 'How often would you publish content?',
      'contentCadence.NONE': 'Not at all',
      'contentCadence.MONTHLY': 'Monthly',
      'contentCadence.WEEKLY': 'Weekly',
      'contentCadence.SEVERAL_PER_WEEK': 'Several times a week',
      'contentCadence.DAILY': 'Daily',
      more: 'More about your business (optional)',
      goals: 'What is it for?',
      'goals.SELL_PRODUCTS': 'Selling products',
      'goals.PUBLISH_CONTENT': 'Publishing content',
      'goals.CUSTOMER_SERVICE': 'Customer service',
      'goals.INTERNAL_COMMUNICATION': 'Internal communication',
      'goals.BOOKINGS': 'Bookings',
      'goals.BRAND_AWARENESS': 'Brand awareness',
      industry: 'Industry',
      'industry.none': 'Not specified',
      'industry.LEGAL': 'Legal services',
      'industry.PUBLIC_RELATIONS': 'Public relations',
      'industry.ADVERTISING_DESIGN': 'Advertising and design',
      'industry.EXPRESS_DELIVERY': 'Express delivery',
      'industry.LOGISTICS': 'Logistics',
      'industry.HOUSEKEEPING': 'Housekeeping',
      'industry.PHOTOGRAPHY': 'Photography',
      'industry.RECRUITMENT': 'Recruitment',
      'industry.AGRICULTURE': 'Agriculture',
      'industry.ACCOUNTING': 'Accounting',
      'industry.FINANCIAL_SERVICES': 'Financial services',
      'industry.TOURISM': 'Tourism',
      'industry.GOVERNMENT_AFFAIRS': 'Government affairs',
      'industry.EDUCATION': 'Education',
      'industry.CATERING': 'Catering',
      'industry.RETAIL': 'Retail',
      'industry.MEDIA_PUBLISHING': 'Media and publishing',
      'industry.OTHER': 'Other',
      flags: 'You also need to…',
      needsProactivePush: 'Push messages to your followers',
      needsMomentsSharing: 'Share straight to WeChat Moments',
      needsBackOfficeIntegration: 'Connect a CRM, ERP, OA or membership system',
      needsNativeDeviceFeatures: 'Use native phone or hardware features',
      highInteractivity: 'Offer live video, a mall or app-like interaction',
      validatingNewIdea: 'Test a new business idea quickly and cheaply',
      plansMiniGamesOrAds: 'Mainly run mini-games or advertising',
      externalId: 'Lead reference',
      submit: 'Show my recommendation',
      asking: 'Asking the advisor…',
      answered: 'Your recommendation is ready below.',
      missing: 'Please answer the questions marked below.',
      missingField: 'Please answer this question.',
      problemTitle: 'The advisor could not answer',
      unreachable: 'The advisor could not be reached. Check the connection and try again.',
      httpStatus: 'The service answered with status {0}.',
      resultTitle: 'Our recommendation',
      rank: 'No. {0}',
      score: 'score {0} of 100',
      'fit.STRONG': 'Strong fit',
      'fit.GOOD': 'Good fit',
      'fit.WEAK': 'Weak fit',
      why: 'Why, and what to know',
      reasons: 'Why',
      warnings: 'Good to know',
      evidence: 'What the source says ({0})',
      judgementWhy: 'Our judgement: why',
      planTitle: 'Your plan',
      primary: 'Start with: ',
      companions: 'Add',
      noCompanions: 'Nothing else is needed: it covers all you asked for.',
      covers: 'Covers: {0}',
      unmet: 'Not covered yet',
      wouldChange: 'What would change this: ',
      excludedTitle: 'Not open to you',
      rulesVersion: 'Rules version {0}',
      listSeparator: ', ',
      colon: ': ',
      'need.PAYMENT': 'Taking payment',
      'need.FREQUENT_BROADCAST': 'Broadcasting more than 4 times a month',
      'need.PROACTIVE_PUSH': 'Pushing messages to followers',
      'need.MOMENTS_SHARING': 'Sharing straight to Moments',
      'need.BACK_OFFICE_INTEGRATION': 'Back-office integration (CRM, ERP, OA, membership)',
      'need.NEARBY_DISCOVERY': 'Discovery by people nearby',
      'need.INTERNAL_COMMUNICATION': 'Internal communication',
      'need.NATIVE_FEATURES': 'Native device features'
    },
    'zh-CN': {
      title: '微信账号选型顾问',
      intro: '回答四个问题，看看应该开通哪些微信产品，以及原因。',
      required: '关于您的业务',
      choose: '请选择…',
      entityType: '由谁注册账号？',
      'entityType.INDIVIDUAL': '个人',
      'entityType.ENTERPRISE': '企业',
      'entityType.GOVERNMENT': '政府机构',
      'entityType.MEDIA': '媒体',
      'entityType.OTHER_ORGANIZATION': '其他组织',
      wantsPayment: '是否需要在微信内收款？',
      yes: '是',
      no: '否',
      offlinePresence: '是否有线下门店、办公室或场所？',
      'offlinePresence.NONE': '没有',
      'offlinePresence.SINGLE_LOCATION': '一处',
      'offlinePresence.MULTIPLE_LOCATIONS': '多处',
      contentCadence: '多久发布一次内容？',
      'contentCadence.NONE': '不发布',
      'contentCadence.MONTHLY': '每月',
      'contentCadence.WEEKLY': '每周',
      'contentCadence.SEVERAL_PER_WEEK': '每周数次',
      'contentCadence.DAILY': '每天',
      more: '更多信息（选填）',
      goals: '主要用途',
      'goals.SELL_PRODUCTS': '销售商品',
      'goals.PUBLISH_CONTENT': '发布内容',
      'goals.CUSTOMER_SERVICE': '客户服务',
      'goals.INTERNAL_COMMUNICATION': '内部沟通',
      'goals.BOOKINGS': '预约',
      'goals.BRAND_AWARENESS': '品牌宣传',
      industry: '行业',
      'industry.none': '未指定',
      'industry.LEGAL': '法律服务',
      'industry.PUBLIC_RELATIONS': '公共关系',
      'industry.ADVERTISING_DESIGN': '广告设计',
      'industry.EXPRESS_DELIVERY': '快递',
      'industry.LOGISTICS': '物流',
      'industry.HOUSEKEEPING': '家政',
      'industry.PHOTOGRAPHY': '摄影',
      'industry.RECRUITMENT': '招聘',
      'industry.AGRICULTURE': '农业',
      'industry.ACCOUNTING': '会计',
      'industry.FINANCIAL_SERVICES': '金融服务',
      'industry.TOURISM': '旅游',
      'industry.GOVERNMENT_AFFAIRS': '政务',
      'industry.EDUCATION': '教育',
      'industry.CATERING': '餐饮',
      'industry.RETAIL': '零售',
      'industry.MEDIA_PUBLISHING': '媒体出版',
      'industry.OTHER': '其他',
      flags: '还需要…',
      needsProactivePush: '向粉丝主动推送消息',
      needsMomentsSharing: '直接分享到朋友圈',
      needsBackOfficeIntegration: '对接 CRM、ERP、OA 或会员系统',
      needsNativeDeviceFeatures: '使用手机原生或硬件功能',
      highInteractivity: '提供直播、商城或类似应用的互动',
      validatingNewIdea: '快速、低成本地验证新的商业想法',
      plansMiniGamesOrAds: '以小游戏或广告为主',
      externalId: '线索编号',
      submit: '查看推荐',
      asking: '正在分析…',
      answered: '推荐结果已在下方列出。',
      missing: '请回答下方标出的问题。',
      missingField: '请回答此问题。',
      problemTitle: '顾问无法给出答复',
      unreachable: '无法连接顾问服务，请检查网络后重试。',
      httpStatus: '服务返回了状态码 {0}。',
      resultTitle: '推荐结果',
      rank: '第 {0} 名',
      score: '得分 {0}/100',
      'fit.STRONG': '非常适合',
      'fit.GOOD': '适合',
      'fit.WEAK': '不太适合',
      why: '原因与注意事项',
      reasons: '原因',
      warnings: '注意事项',
      evidence: '资料原文（{0}）',
      judgementWhy: '我们的判断：理由',
      planTitle: '组合方案',
      primary: '首选：',
      companions: '搭配',
      noCompanions: '无需搭配其他产品：它已覆盖您提出的所有需求。',
      covers: '覆盖：{0}',
      unmet: '尚未满足的需求',
      wouldChange: '如何改变：',
      excludedTitle: '无法开通',
      rulesVersion: '规则版本 {0}',
      listSeparator: '、',
      colon: '：',
      'need.PAYMENT': '收款',
      'need.FREQUENT_BROADCAST': '每月群发超过 4 次',
      'need.PROACTIVE_PUSH': '向粉丝主动推送消息',
      'need.MOMENTS_SHARING': '直接分享到朋友圈',
      'need.BACK_OFFICE_INTEGRATION': '对接后台系统（CRM、ERP、OA、会员）',
      'need.NEARBY_DISCOVERY': '被附近的人发现',
      'need.INTERNAL_COMMUNICATION': '内部沟通',
      'need.NATIVE_FEATURES': '原生设备功能'
    }
  };

  var params = new URLSearchParams(window.location.search);
  var lang = pickLanguage(params.get('lang'));
  var parentOrigin = pickOrigin(params.get('parentOrigin'));
  var tenant = /^[a-z0-9][a-z0-9-]{0,63}$/.test(params.get('tenant') || '') ? params.get('tenant') : null;
  var form = document.getElementById('advisor-form');
  var statusBox = document.getElementById('advisor-status');
  var problemBox = document.getElementById('advisor-problem');
  var resultBox = document.getElementById('advisor-result');
  var lastHeight = -1;
  var busy = false;

  function t(key) {
    var value = TEXT[lang][key];
    if (value === undefined) {
      value = TEXT.en[key];
    }
    if (value === undefined) {
      return key;
    }
    for (var i = 1; i < arguments.length; i++) {
      value = value.replace('{' + (i - 1) + '}', String(arguments[i]));
    }
    return value;
  }

  function pickLanguage(value) {
    var tag = (value || '').toLowerCase();
    return tag === 'zh' || tag.indexOf('zh-') === 0 ? 'zh-CN' : 'en';
  }

  /** An http(s) origin exactly as window.location.origin writes it, or null. */
  function pickOrigin(value) {
    if (!value) {
      return null;
    }
    try {
      var url = new URL(value);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value) {
        return value;
      }
    } catch (e) {
      // not a URL: ignored
    }
    return null;
  }

  /** Creates an element; children are nodes or plain strings (text nodes, never HTML). */
  function el(tag, attributes) {
    var node = document.createElement(tag);
    var key;
    for (key in attributes || {}) {
      if (Object.prototype.hasOwnProperty.call(attributes, key) && attributes[key] !== null
          && attributes[key] !== undefined && attributes[key] !== false) {
        if (key === 'text') {
          node.textContent = attributes[key];
        } else if (key === 'className') {
          node.className = attributes[key];
        } else {
          node.setAttribute(key, attributes[key] === true ? '' : attributes[key]);
        }
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) {
        continue;
      }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  // ---- Theme ----------------------------------------------------------------------------------

  function parseColour(value) {
    if (!value || !/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value)) {
      return null;
    }
    var hex = value.slice(1);
    if (hex.length === 3) {
      hex = hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
    }
    return '#' + hex.toLowerCase();
  }

  function luminance(hex) {
    var channels = [1, 3, 5].map(function (i) {
      var c = parseInt(hex.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  }

  function contrast(a, b) {
    var la = luminance(a);
    var lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /**
   * Applies the host's theme. A colour is kept only if the page still passes WCAG AA with it: text
   * 4.5:1 on the background (also the page's own muted, error and badge colours), the accent 3:1
   * against the background (focus ring, borders) and 4.5:1 with the button text chosen for it.
   */
  function applyTheme() {
    var root = document.documentElement.style;
    var background = parseColour(params.get('background'));
    var text = parseColour(params.get('text'));
    var accent = parseColour(params.get('accent'));
    var fixedDarks = ['#4d5560', '#8a1c13'];
    var pageBackground = '#ffffff';
    var pageText = '#1f2328';

    if (background && fixedDarks.concat([text || pageText]).every(function (c) {
      return contrast(c, background) >= 4.5;
    }) && contrast('#6e7781', background) >= 3) {
      root.setProperty('--background', background);
      root.setProperty('--surface', background);
      pageBackground = background;
    }
    if (text && contrast(text, pageBackground) >= 4.5) {
      root.setProperty('--text', text);
    }
    if (accent && contrast(accent, pageBackground) >= 3) {
      var ink = contrast(accent, '#ffffff') >= contrast(accent, '#111111') ? '#ffffff' : '#111111';
      if (contrast(accent, ink) >= 4.5) {
        root.setProperty('--accent', accent);
        root.setProperty('--accent-ink', ink);
      }
    }
    var font = params.get('font');
    if (font && Object.prototype.hasOwnProperty.call(FONTS, font) && FONTS[font]) {
      root.setProperty('--font', FONTS[font]);
    }
  }

  // ---- Form -----------------------------------------------------------------------------------

  function errorLine(name) {
    return el('p', { className: 'field-error', id: 'error-' + name, hidden: true });
  }

  function selectField(name, options, placeholder, required) {
    var select = el('select', { id: name, name: name, required: required },
      el('option', { value: '', text: placeholder }));
    options.forEach(function (value) {
      select.appendChild(el('option', { value: value, text: t(name + '.' + value) }));
    });
    return el('div', { className: 'field', 'data-field': name },
      el('label', { 'for': name, text: t(name) }), select, required ? errorLine(name) : null);
  }

  function checkbox(name, value, label) {
    var id = value ? name + '-' + value : name;
    return el('label', { className: 'choice', 'for': id },
      el('input', { type: 'checkbox', id: id, name: name, value: value || 'true' }), el('span', { text: label }));
  }

  function buildForm() {
    var payment = el('fieldset', { className: 'field', id: 'wantsPayment', 'data-field': 'wantsPayment' },
      el('legend', { text: t('wantsPayment') }),
      el('div', { className: 'choices' },
        el('label', { className: 'choice', 'for': 'wantsPayment-true' },
          el('input', { type: 'radio', id: 'wantsPayment-true', name: 'wantsPayment', value: 'true', required: true }),
          el('span', { text: t('yes') })),
        el('label', { className: 'choice', 'for': 'wantsPayment-false' },
          el('input', { type: 'radio', id: 'wantsPayment-false', name: 'wantsPayment', value: 'false', required: true }),
          el('span', { text: t('no') }))),
      errorLine('wantsPayment'));

    var goals = el('fieldset', { className: 'field', 'data-field': 'goals' },
      el('legend', { text: t('goals') }),
      el('div', { className: 'choices' }, ENUMS.goals.map(function (goal) {
        return checkbox('goals', goal, t('goals.' + goal));
      }).reduce(function (fragment, node) {
        fragment.appendChild(node);
        return fragment;
      }, document.createDocumentFragment())));

    var flags = el('fieldset', { className: 'field', 'data-field': 'flags' },
      el('legend', { text: t('flags') }),
      el('div', { className: 'choices-column' }, FLAGS.map(function (flag) {
        return checkbox(flag, null, t(flag));
      }).reduce(function (fragment, node) {
        fragment.appendChild(node);
        return fragment;
      }, document.createDocumentFragment())));

    var more = el('details', { className: 'more', id: 'advisor-more' },
      el('summary', { text: t('more') }),
      el('div', { className: 'more-body' },
        goals,
        selectField('industry', ENUMS.industry, t('industry.none'), false),
        flags));

    form.appendChild(el('h2', { className: 'form-title', id: 'form-title', text: t('required') }));
    form.setAttribute('aria-labelledby', 'form-title');
    form.appendChild(selectField('entityType', ENUMS.entityType, t('choose'), true));
    form.appendChild(payment);
    form.appendChild(selectField('offlinePresence', ENUMS.offlinePresence, t('choose'), true));
    form.appendChild(selectField('contentCadence', ENUMS.contentCadence, t('choose'), true));
    form.appendChild(more);
    form.appendChild(el('input', { type: 'hidden', id: 'externalId', name: 'externalId' }));
    form.appendChild(el('div', { className: 'actions' },
      el('button', { type: 'submit', className: 'button', id: 'advisor-submit', text: t('submit') })));
    form.hidden = false;
  }

  /** Fills the form from the address; values outside the allowed sets are ignored. */
  function prefill() {
    var opened = false;
    ['entityType', 'offlinePresence', 'contentCadence', 'industry'].forEach(function (name) {
      var value = params.get(name);
      if (value && ENUMS[name].indexOf(value) >= 0) {
        form.elements[name].value = value;
        opened = opened || name === 'industry';
      }
    });
    var payment = params.get('wantsPayment');
    if (payment === 'true' || payment === 'false') {
      document.getElementById('wantsPayment-' + payment).checked = true;
    }
    params.getAll('goals').join(',').split(',').forEach(function (goal) {
      if (ENUMS.goals.indexOf(goal) >= 0) {
        document.getElementById('goals-' + goal).checked = true;
        opened = true;
      }
    });
    FLAGS.forEach(function (flag) {
      if (params.get(flag) === 'true') {
        document.getElementById(flag).checked = true;
        opened = true;
      }
    });
    var externalId = params.get('externalId');
    if (externalId !== null) {
      document.getElementById('externalId').value = externalId;
    }
    if (opened) {
      document.getElementById('advisor-more').open = true;
    }
  }

  function readProfile() {
    var profile = {};
    REQUIRED_SELECTS.forEach(function (name) {
      if (form.elements[name].value) {
        profile[name] = form.elements[name].value;
      }
    });
    var payment = form.querySelector('input[name="wantsPayment"]:checked');
    if (payment) {
      profile.wantsPayment = payment.value === 'true';
    }
    var goals = Array.prototype.slice.call(form.querySelectorAll('input[name="goals"]:checked')).map(function (box) {
      return box.value;
    });
    if (goals.length) {
      profile.goals = goals;
    }
    if (form.elements.industry.value) {
      profile.industry = form.elements.industry.value;
    }
    FLAGS.forEach(function (flag) {
      if (document.getElementById(flag).checked) {
        profile[flag] = true;
      }
    });
    var externalId = document.getElementById('externalId').value;
    if (externalId) {
      profile.externalId = externalId;
    }
    var context = attribution();
    if (context) {
      profile.context = context;
    }
    return profile;
  }

  /** The host page's address, referrer and utm_* parameters, as /embed.js passed them; null if none. */
  function attribution() {
    var context = {};
    ['pageUri', 'referrer'].forEach(function (name) {
      var value = params.get(name);
      if (value && value.length <= 2048 && /^https?:\/\/\S+$/.test(value)) {
        context[name] = value;
      }
    });
    var utm = {};
    ['source', 'medium', 'campaign', 'term', 'content'].forEach(function (name) {
      var value = params.get('utm_' + name);
      if (value && value.length <= 256) {
        utm[name] = value;
      }
    });
    if (Object.keys(utm).length) {
      context.utm = utm;
    }
    return Object.keys(context).length ? context : null;
  }

  function markField(name, message) {
    var line = document.getElementById('error-' + name);
    var controls = name === 'wantsPayment'
      ? Array.prototype.slice.call(form.querySelectorAll('input[name="wantsPayment"]'))
      : [form.elements[name]];
    if (line) {
      line.textContent = message || '';
      line.hidden = !message;
    }
    controls.forEach(function (control) {
      if (message) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', 'error-' + name);
      } else {
        control.removeAttribute('aria-invalid');
        control.removeAttribute('aria-describedby');
      }
    });
  }

  /** The required questions not yet answered, each marked next to its field. */
  function checkRequired(profile) {
    var missing = [];
    ['entityType', 'wantsPayment', 'offlinePresence', 'contentCadence'].forEach(function (name) {
      var absent = profile[name] === undefined;
      markField(name, absent ? t('missingField') : null);
      if (absent) {
        missing.push(name);
      }
    });
    return missing;
  }

  function focusFirst(name) {
    var target = name === 'wantsPayment' ? document.getElementById('wantsPayment-true') : form.elements[name];
    if (target) {
      target.focus();
    }
  }

  // ---- Talking to the service and to the parent page ------------------------------------------

  function post(message, sensitive) {
    if (window.parent === window) {
      return;
    }
    if (parentOrigin) {
      window.parent.postMessage(message, parentOrigin);
    } else if (!sensitive) {
      window.parent.postMessage(message, '*');
    }
  }

  function reportHeight() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      post({ type: MESSAGE_HEIGHT, height: height }, false);
    }
  }

  /** Asks the service. interactive: started by the visitor (not by submit=true), so focus may move. */
  function ask(event) {
    var interactive = !!event;
    if (event) {
      event.preventDefault();
    }
    if (busy) {
      return;
    }
    var profile = readProfile();
    var missing = checkRequired(profile);
    clearProblem();
    if (missing.length) {
      showProblem({ detail: t('missing') }, false, profile, interactive);
      if (interactive) {
        focusFirst(missing[0]);
      }
      return;
    }
    busy = true;
    var button = document.getElementById('advisor-submit');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    statusBox.textContent = t('asking');
    var headers = {
      'Content-Type': 'application/json',
      'Accept': 'application/json, application/problem+json',
      'Accept-Language': lang,
      'Advisor-Channel': 'EMBED'
    };
    if (tenant) {
      headers['Advisor-Tenant'] = tenant;
    }
    fetch(API, {
      method: 'POST',
      credentials: 'omit',
      headers: headers,
      body: JSON.stringify(profile)
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      var body = type.indexOf('json') >= 0 ? response.json().catch(function () {
        return null;
      }) : Promise.resolve(null);
      return body.then(function (json) {
        if (response.ok && json) {
          showAnswer(json, profile, interactive);
        } else {
          showProblem(json && typeof json === 'object' ? json : { detail: t('httpStatus', response.status) }, true,
            profile, interactive);
        }
      });
    }, function () {
      showProblem({ detail: t('unreachable') }, true, profile, interactive);
    }).then(function () {
      busy = false;
      button.disabled = false;
      form.removeAttribute('aria-busy');
    });
  }

  function clearProblem() {
    problemBox.hidden = true;
    problemBox.textContent = '';
  }

  function fieldLabel(field) {
    var name = String(field || '').replace(/\[\d+\]$/, '');
    if (TEXT.en[name] !== undefined) {
      return t(name);
    }
    return String(field || '');
  }

  /**
   * Shows a problem: the service's detail and each field error, in plain text. The service writes
   * them in English (marked so, for screen readers); this page's own messages are in its language.
   */
  function showProblem(problem, fromService, profile, interactive) {
    var serviceLang = fromService && problem.type ? 'en' : null;
    statusBox.textContent = '';
    problemBox.textContent = '';
    problemBox.appendChild(el('h2', { text: t('problemTitle') }));
    if (problem.detail) {
      problemBox.appendChild(el('p', { className: 'problem-detail', lang: serviceLang, text: String(problem.detail) }));
    }
    if (Array.isArray(problem.errors) && problem.errors.length) {
      var list = el('ul', { className: 'problem-fields' });
      problem.errors.forEach(function (error) {
        if (error && typeof error === 'object') {
          list.appendChild(el('li', { 'data-field': String(error.field || '') },
            el('strong', { text: fieldLabel(error.field) + ' (' + String(error.field || '') + ')' }),
            t('colon'), el('span', { lang: serviceLang, text: String(error.message || '') })));
        }
      });
      problemBox.appendChild(list);
    }
    problemBox.hidden = false;
    if (fromService) {
      resultBox.hidden = true;
      if (interactive) {
        problemBox.focus();
      }
      post({
        type: MESSAGE_ERROR,
        externalId: profile && profile.externalId !== undefined ? profile.externalId : null,
        problem: problem
      }, true);
    }
  }

  // ---- The answer -----------------------------------------------------------------------------

  function signed(effect) {
    return effect > 0 ? '+' + effect : effect < 0 ? '\u2212' + Math.abs(effect) : '0';
  }

  /**
   * What backs a reason or warning, on demand: the source's own words (a native <details>, so a
   * keyboard opens it) and, for a judgement, the consultant's rationale. The quote is the source's
   * text, in the source's language whatever the page's.
   */
  function backing(entry) {
    var nodes = [];
    if (entry.judgement === true && typeof entry.rationale === 'string') {
      nodes.push(el('details', { className: 'rationale' },
        el('summary', { text: t('judgementWhy') }),
        el('p', { text: entry.rationale })));
    }
    var evidence = entry.evidence;
    if (evidence && typeof evidence === 'object' && typeof evidence.quote === 'string') {
      nodes.push(el('details', { className: 'evidence', 'data-source': String(evidence.source || '') },
        el('summary', { text: t('evidence', String(evidence.source || '')) }),
        el('blockquote', { lang: 'en', text: evidence.quote })));
    }
    return nodes;
  }

  function withBacking(item, entry) {
    backing(entry).forEach(function (node) {
      item.appendChild(node);
    });
    return item;
  }

  function reasonItem(reason) {
    var effect = typeof reason.effect === 'number' ? reason.effect : 0;
    return withBacking(el('li', { 'data-rule': String(reason.rule || '') },
      el('span', { className: 'effect ' + (effect < 0 ? 'minus' : 'plus'), text: signed(effect) }),
      ' ' + String(reason.text || '')), reason);
  }

  function productCard(item, top) {
    var fit = ['STRONG', 'GOOD', 'WEAK'].indexOf(item.fit) >= 0 ? item.fit : 'WEAK';
    var details = el('details', { open: top },
      el('summary', { text: t('why') }),
      el('h4', { text: t('reasons') }),
      el('ul', { className: 'reasons' }));
    (item.reasons || []).forEach(function (reason) {
      details.querySelector('.reasons').appendChild(reasonItem(reason));
    });
    if (item.warnings && item.warnings.length) {
      var warnings = el('ul', { className: 'warnings' });
      item.warnings.forEach(function (warning) {
        warnings.appendChild(withBacking(el('li', { 'data-rule': String(warning.rule || ''),
          text: String(warning.text || '') }), warning));
      });
      details.appendChild(el('h4', { className: 'warnings-title', text: t('warnings') }));
      details.appendChild(warnings);
    }
    return el('li', { className: 'product' + (top ? ' top' : ''), 'data-product': String(item.product || '') },
      el('div', { className: 'product-head' },
        el('span', { className: 'rank', text: t('rank', item.rank) }),
        el('h3', { className: 'product-name', text: String(item.name || item.product || '') }),
        el('span', { className: 'fit fit-' + fit, 'data-fit': fit, text: t('fit.' + fit) }),
        el('span', { className: 'score', text: t('score', item.score) })),
      details);
  }

  function needLabel(need) {
    return TEXT.en['need.' + need] !== undefined ? t('need.' + need) : String(need);
  }

  function planSection(plan, names) {
    var section = el('section', { className: 'plan', 'aria-labelledby': 'plan-title' },
      el('h2', { id: 'plan-title', text: t('planTitle') }));
    if (plan.primary) {
      section.appendChild(el('p', { className: 'plan-primary' },
        el('strong', { text: t('primary') }), names[plan.primary] || String(plan.primary)));
    }
    var companions = plan.companions || [];
    if (companions.length) {
      section.appendChild(el('h3', { text: t('companions') }));
      var list = el('ul', { className: 'plan-list plan-companions' });
      companions.forEach(function (companion) {
        list.appendChild(el('li', { 'data-product': String(companion.product || '') },
          el('strong', { text: names[companion.product] || String(companion.product) }),
          el('span', { className: 'covers', text: ' — ' + t('covers', (companion.covers || []).map(needLabel)
            .join(t('listSeparator'))) }),
          companion.text ? el('div', { text: String(companion.text) }) : null));
      });
      section.appendChild(list);
    }
    var unmet = plan.unmetNeeds || [];
    if (!companions.length && !unmet.length && plan.primary) {
      section.appendChild(el('p', { className: 'plan-no-companions', text: t('noCompanions') }));
    }
    if (unmet.length) {
      section.appendChild(el('h3', { text: t('unmet') }));
      var needs = el('ul', { className: 'plan-list plan-unmet' });
      unmet.forEach(function (need) {
        needs.appendChild(el('li', { 'data-need': String(need.need || '') },
          el('strong', { text: needLabel(need.need) }),
          el('div', { text: String(need.text || '') }),
          need.wouldChange ? el('div', {},
            el('span', { className: 'would-change', text: t('wouldChange') }), String(need.wouldChange)) : null));
      });
      section.appendChild(needs);
    }
    return section;
  }

  function showAnswer(answer, profile, interactive) {
    var names = {};
    (answer.recommendations || []).concat(answer.excluded || []).forEach(function (item) {
      names[item.product] = String(item.name || item.product);
    });
    resultBox.textContent = '';
    resultBox.appendChild(el('h2', { id: 'result-title', text: t('resultTitle') }));
    var ranking = el('ol', { className: 'ranking', id: 'advisor-ranking' });
    (answer.recommendations || []).forEach(function (item, index) {
      ranking.appendChild(productCard(item, index === 0));
    });
    resultBox.appendChild(ranking);
    if (answer.plan) {
      resultBox.appendChild(planSection(answer.plan, names));
    }
    if (answer.excluded && answer.excluded.length) {
      resultBox.appendChild(el('h2', { text: t('excludedTitle') }));
      var excluded = el('ul', { className: 'excluded-list' });
      answer.excluded.forEach(function (item) {
        var entry = el('li', { 'data-product': String(item.product || '') },
          el('strong', { text: names[item.product] }), t('colon'));
        (item.reasons || []).forEach(function (reason, index) {
          entry.appendChild(document.createTextNode((index > 0 ? ' ' : '') + String(reason.text || '')));
          withBacking(entry, reason);
        });
        excluded.appendChild(entry);
      });
      resultBox.appendChild(excluded);
    }
    if (answer.rulesVersion) {
      resultBox.appendChild(el('p', { className: 'rules-version', text: t('rulesVersion', answer.rulesVersion) }));
    }
    resultBox.hidden = false;
    statusBox.textContent = t('answered');
    if (interactive) {
      resultBox.focus();
    }
    post({
      type: MESSAGE_RESULT,
      externalId: answer.externalId !== undefined ? answer.externalId : (profile.externalId || null),
      answer: answer
    }, true);
  }

  // ---- Start ----------------------------------------------------------------------------------

  function start() {
    document.documentElement.lang = lang;
    document.title = t('title');
    document.getElementById('advisor-title').textContent = t('title');
    document.getElementById('advisor-intro').textContent = t('intro');
    applyTheme();
    buildForm();
    prefill();
    form.addEventListener('submit', ask);
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(reportHeight).observe(document.body);
    } else {
      window.addEventListener('resize', reportHeight);
      document.addEventListener('toggle', reportHeight, true);
    }
    reportHeight();
    if (params.get('submit') === 'true') {
      ask(null);
    }
  }

  start();
}());
